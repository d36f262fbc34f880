#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

namespace cvpress::test {

namespace fs = std::filesystem;

Run run(const std::string& command) {
  Run result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string source_dir() { return fs::path(CVPRESS_TEST_DIR).parent_path().string(); }

Run run_cvpress(const std::string& args, const std::string& cwd) {
  const std::string dir = cwd.empty() ? source_dir() : cwd;
  return run("cd " + quote(dir) + " && " + quote(CVPRESS_BINARY) + " " + args);
}

bool have_tool(const std::string& tool) { return run("command -v " + quote(tool)).status == 0; }

std::string collapse(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string pdf_text(const std::string& pdf, const std::string& options) {
  return collapse(run("pdftotext " + options + " " + quote(pdf) + " -").out);
}

int pdf_pages(const std::string& pdf) {
  const std::string info = run("pdfinfo " + quote(pdf)).out;
  const size_t at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));
}

// Words without trailing punctuation ("IP:" and "IP" are the same word here).
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    while (w.size() > 1 && std::string_view(":,;.").find(w.back()) != std::string_view::npos)
      w.pop_back();
    words.push_back(w);
  }
  return words;
}

bool contains_words(const std::string& text, const std::string& words, int slack) {
  const std::vector<std::string> hay = words_of(text);
  const std::vector<std::string> needle = words_of(words);
  if (needle.empty()) return true;
  for (size_t start = 0; start < hay.size(); ++start) {
    if (hay[start] != needle[0]) continue;
    size_t at = start;
    size_t k = 1;
    for (; k < needle.size(); ++k) {
      size_t limit = std::min(hay.size(), at + 2 + slack);
      size_t next = at + 1;
      while (next < limit && hay[next] != needle[k]) ++next;
      if (next >= limit) break;
      at = next;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

}  // namespace cvpress::test

namespace cvpress::test {

namespace {

std::string xml_unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    const std::string entity = s.substr(i, semi - i + 1);
    if (entity == "&amp;")
      out += '&';
    else if (entity == "&lt;")
      out += '<';
    else if (entity == "&gt;")
      out += '>';
    else if (entity == "&quot;")
      out += '"';
    else if (entity == "&apos;")
      out += '\'';
    else
      out += entity;
    i = semi;
  }
  return out;
}

}  // namespace

std::vector<std::string> pdf_lines(const std::string& pdf) {
  // Words grouped by page and baseline (not by poppler's reading-order
  // heuristics, which may put right-aligned dates in a column of their own),
  // each line's words sorted left to right. A word's box ends at its font's
  // descent, so words of one line in different fonts end up to a point or
  // so apart: words within 2 bp of the line's first share it.
  const std::string xml = run("pdftotext -bbox " + quote(pdf) + " -").out;
  std::map<std::pair<int, double>, std::vector<std::pair<double, std::string>>> words_at;
  int page = 0;
  std::istringstream in(xml);
  auto attribute = [](const std::string& row, const char* name) {
    const size_t at = row.find(std::string(name) + "=\"");
    return at == std::string::npos ? 0.0 : std::stod(row.substr(at + std::strlen(name) + 2));
  };
  for (std::string row; std::getline(in, row);) {
    if (row.find("<page") != std::string::npos) ++page;
    if (row.find("<word") == std::string::npos) continue;
    const size_t open = row.find('>');
    const size_t close = row.rfind("</word>");
    words_at[{page, attribute(row, "yMax")}].emplace_back(
        attribute(row, "xMin"), xml_unescape(row.substr(open + 1, close - open - 1)));
  }
  std::vector<std::pair<int, std::vector<std::pair<double, std::string>>>> lines;
  double first = 0;
  for (auto& [key, words] : words_at) {
    if (lines.empty() || lines.back().first != key.first || key.second - first > 2) {
      lines.emplace_back(key.first, std::vector<std::pair<double, std::string>>());
      first = key.second;
    }
    lines.back().second.insert(lines.back().second.end(), words.begin(), words.end());
  }
  std::vector<std::string> out;
  for (auto& [line_page, words] : lines) {
    std::sort(words.begin(), words.end());
    std::string line = std::to_string(line_page) + ":";
    for (const auto& word : words) line += " " + word.second;
    out.push_back(line);
  }
  return out;
}

size_t matching_lines(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::vector<size_t>> lcs(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  return lcs[0][0];
}

std::string compile_tex(const std::string& tex, const std::string& engine, std::string* log) {
  const std::string stem = fs::path(tex).stem().string();
  const std::string dir =
      scratch_dir(engine + "-" + fs::path(tex).parent_path().filename().string() + "-" + stem);
  run("cp " + quote(tex) + " " + quote(dir));
  const std::string cmd = "cd " + quote(dir) + " && " + engine +
                          " -interaction=nonstopmode -halt-on-error " + quote(stem + ".tex");
  Run r = run(cmd);
  if (r.status == 0) r = run(cmd);  // second pass: page N of M
  if (r.status != 0) {
    if (log) *log = r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0);
    return "";
  }
  return dir + "/" + stem + ".pdf";
}

}  // namespace cvpress::test

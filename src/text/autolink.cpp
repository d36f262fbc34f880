#include "text/autolink.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace cvpress {
namespace {

struct Found {
  size_t begin, end;  // byte range in the span's text
  std::string url;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// New-style arXiv ids: 2503.01873, 2503.01873v2.
bool is_arxiv_id(std::string_view s) {
  const size_t dot = s.find('.');
  if (dot != 4 || !all_digits(s.substr(0, 4))) return false;
  std::string_view rest = s.substr(5);
  const size_t v = rest.find('v');
  std::string_view number = rest.substr(0, v);
  if (number.size() < 4 || number.size() > 5 || !all_digits(number)) return false;
  return v == std::string_view::npos || all_digits(rest.substr(v + 1));
}

// Old-style arXiv ids: hep-th/9901001, math.GT/0309136, cs/0112017v2: an
// archive's name (and a subject class), a slash, YYMMNNN. Returns the id
// as arXiv's address takes it (without the subject class), or "".
std::string old_arxiv_id(std::string_view s) {
  static constexpr std::string_view kArchives[] = {
      "acc-phys", "adap-org", "alg-geom", "ao-sci",   "astro-ph", "atom-ph",  "bayes-an",
      "chao-dyn", "chem-ph",  "cmp-lg",   "comp-gas", "cond-mat", "cs",       "dg-ga",
      "funct-an", "gr-qc",    "hep-ex",   "hep-lat",  "hep-ph",   "hep-th",   "math",
      "math-ph",  "mtrl-th",  "nlin",     "nucl-ex",  "nucl-th",  "patt-sol", "physics",
      "plasm-ph", "q-alg",    "q-bio",    "quant-ph", "solv-int", "supr-con"};
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return "";
  std::string_view archive = s.substr(0, slash);
  if (const size_t dot = archive.find('.'); dot != std::string_view::npos) {
    const std::string_view subject = archive.substr(dot + 1);
    if (subject.empty() ||
        subject.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "abcdefghijklmnopqrstuvwxyz-") != std::string_view::npos)
      return "";
    archive = archive.substr(0, dot);
  }
  if (std::find(std::begin(kArchives), std::end(kArchives), archive) == std::end(kArchives))
    return "";
  const std::string_view rest = s.substr(slash + 1);
  const size_t v = rest.find('v');
  if (rest.substr(0, v).size() != 7 || !all_digits(rest.substr(0, v))) return "";
  if (v != std::string_view::npos && !all_digits(rest.substr(v + 1))) return "";
  return std::string(archive) + "/" + std::string(rest);
}

// An address without a scheme: a lower-case host name under a common
// top-level domain, then a path ("arxiv.org/abs/2503.01873",
// "github.com/x"). A slash is required, so "e.g.", "Node.js" and version
// numbers never qualify.
bool is_bare_url(std::string_view s) {
  static constexpr std::string_view kDomains[] = {
      "ai", "app", "au", "ca", "ch", "cn", "co",  "com", "de",  "dev", "edu", "eu",
      "fr", "gov", "io", "it", "jp", "me", "net", "nl",  "org", "se",  "uk",  "us"};
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view host = s.substr(0, slash);
  const size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  if (std::find(std::begin(kDomains), std::end(kDomains), host.substr(dot + 1)) ==
      std::end(kDomains))
    return false;
  size_t label = 0;  // characters since the last dot
  for (const char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '-')
      return false;
    ++label;
  }
  return true;
}

bool is_doi(std::string_view s) {
  if (!starts_with(s, "10.")) return false;
  const size_t slash = s.find('/');
  return slash != std::string_view::npos && slash > 3 && slash + 1 < s.size() &&
         all_digits(s.substr(3, slash - 3));
}

bool is_email(std::string_view s) {
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : s.substr(0, at)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("._%+-").find(c) == std::string_view::npos)
      return false;
  }
  std::string_view domain = s.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) return false;
  for (char c : domain) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  }
  return true;
}

// A phone number written without spaces: "+442079460000", "+1-555-0100".
bool is_phone(std::string_view s) {
  size_t digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3;
}

// The word without surrounding punctuation that is not part of a link.
std::pair<size_t, size_t> core_of(std::string_view word) {
  size_t b = 0, e = word.size();
  while (b < e && std::string_view("(<\"'[").find(word[b]) != std::string_view::npos) ++b;
  while (e > b && std::string_view(".,;:!?\"'>]").find(word[e - 1]) != std::string_view::npos) --e;
  // A closing parenthesis belongs to the link only when it opened inside it.
  while (e > b && word[e - 1] == ')') {
    std::string_view core = word.substr(b, e - b);
    const size_t opens = std::count(core.begin(), core.end(), '(');
    const size_t closes = std::count(core.begin(), core.end(), ')');
    if (closes <= opens) break;
    --e;
    while (e > b && std::string_view(".,;:!?").find(word[e - 1]) != std::string_view::npos) --e;
  }
  return {b, e};
}

std::vector<Found> find_links(const std::string& text) {
  std::vector<Found> found;
  // The previous word without its punctuation, as a byte range.
  size_t prev_word_begin = std::string::npos, prev_word_end = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view word(text.data() + i, end - i);
    auto [b, e] = core_of(word);
    const std::string_view core = word.substr(b, e - b);
    const size_t at = i + b;
    // The word before is "arXiv" (as in "arXiv 2503.01873").
    auto after_arxiv = [&] {
      return prev_word_begin != std::string::npos && prev_word_end - prev_word_begin == 5 &&
             starts_with_nocase(std::string_view(text).substr(prev_word_begin, 5), "arxiv");
    };
    std::string url;
    size_t from = at;
    if (starts_with_nocase(core, "http://") || starts_with_nocase(core, "https://")) {
      if (core.size() > 8) url = std::string(core);
    } else if (starts_with_nocase(core, "www.") && core.find('.', 4) != std::string_view::npos) {
      url = "https://" + std::string(core);
    } else if (starts_with_nocase(core, "mailto:") && is_email(core.substr(7))) {
      url = "mailto:" + std::string(core.substr(7));
    } else if (starts_with_nocase(core, "tel:") && is_phone(core.substr(4))) {
      url = tel_url(core.substr(4));
    } else if (starts_with_nocase(core, "doi:") && is_doi(core.substr(4))) {
      url = "https://doi.org/" + std::string(core.substr(4));
    } else if (is_doi(core)) {
      url = "https://doi.org/" + std::string(core);
    } else if (starts_with_nocase(core, "arxiv:") && is_arxiv_id(core.substr(6))) {
      url = "https://arxiv.org/abs/" + std::string(core.substr(6));
    } else if (starts_with_nocase(core, "arxiv:") && !old_arxiv_id(core.substr(6)).empty()) {
      url = "https://arxiv.org/abs/" + old_arxiv_id(core.substr(6));
    } else if ((is_arxiv_id(core) || !old_arxiv_id(core).empty()) && after_arxiv()) {
      url = "https://arxiv.org/abs/" + (is_arxiv_id(core) ? std::string(core) : old_arxiv_id(core));
      from = prev_word_begin;  // the link covers "arXiv 2503.01873"
    } else if (!old_arxiv_id(core).empty()) {
      url = "https://arxiv.org/abs/" + old_arxiv_id(core);
    } else if (is_bare_url(core)) {
      url = "https://" + std::string(core);
    } else if (is_email(core)) {
      url = "mailto:" + std::string(core);
    }
    if (!url.empty()) found.push_back({from, at + core.size(), url});
    prev_word_begin = at;
    prev_word_end = at + core.size();
    i = end;
  }
  return found;
}

}  // namespace

RichText autolink(const RichText& text) {
  RichText out;
  for (const Span& span : text) {
    if (span.kind != SpanKind::Text || !span.link.empty()) {
      out.push_back(span);
      continue;
    }
    size_t done = 0;
    for (const Found& f : find_links(span.text)) {
      if (f.begin < done) continue;
      Span before = span, linked = span;
      before.text = span.text.substr(done, f.begin - done);
      linked.text = span.text.substr(f.begin, f.end - f.begin);
      linked.link = f.url;
      if (!before.text.empty()) out.push_back(before);
      out.push_back(linked);
      done = f.end;
    }
    if (done < span.text.size()) {
      Span rest = span;
      rest.text = span.text.substr(done);
      out.push_back(rest);
    }
  }
  return out;
}

std::string tel_url(std::string_view phone) {
  std::string url = "tel:";
  for (const char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '+' && url.size() == 4)) url += c;
  }
  return url;
}

}  // namespace cvpress

#include "style/style_loader.h"

#include <fmt/format.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "style/fonts.h"

#ifndef CVPRESS_SOURCE_DIR
#define CVPRESS_SOURCE_DIR "."
#endif

namespace cvpress {
namespace fs = std::filesystem;

namespace {

constexpr double kA4Width = 595.2756, kA4Height = 841.8898;
constexpr double kLetterWidth = 612, kLetterHeight = 792;
constexpr std::size_t kMaxStyleBytes = std::size_t{1} << 20;
constexpr int kMaxExtends = 16;

const char* const kFaceKeys[kFaceCount] = {"regular", "bold", "italic", "bold_italic", "mono"};
const char* const kFaceStyles[kFaceCount] = {"Regular", "Bold", "Italic", "Bold Italic", "Regular"};

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool looks_like_path(const std::string& name) {
  return name.find('/') != std::string::npos || name.ends_with(".yaml") || name.ends_with(".yml");
}

std::optional<std::string> read_text(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.size() > kMaxStyleBytes) return std::nullopt;
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  return text;
}

std::string executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

// Reads one style file onto a Style: every key it gives replaces the value
// the style had (the classic style's, or those of the style it extends).
class FileReader {
 public:
  FileReader(StyleLoad& out, std::string file, const std::string& text,
             std::vector<std::string>& chain)
      : out_(out), s_(out.style), file_(std::move(file)), text_(text), chain_(chain) {
    starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
      starts_.push_back(i + 1);
  }

  void read();

 private:
  using Handler = std::function<void(const YAML::Node&)>;
  using Table = std::vector<std::pair<std::string, Handler>>;

  SourceLoc at(const YAML::Mark& mark) const {
    if (mark.line < 0) return {file_};
    const auto line = static_cast<std::size_t>(mark.line);
    if (line >= starts_.size()) return {file_, mark.line + 1, mark.column + 1};
    int chars = 0;  // columns count UTF-8 characters
    for (std::size_t i = starts_[line];
         i < starts_[line] + static_cast<std::size_t>(std::max(mark.column, 0)) && i < text_.size();
         ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
    return {file_, mark.line + 1, chars + 1};
  }
  // A null value (nothing after `key:`, or only a comment) has the mark of
  // whatever comes next, often on a later line: it is placed just after the
  // colon of the key being read instead.
  SourceLoc at(const YAML::Node& node) const {
    if (node.IsNull() && !keys_.empty()) return at(after_colon(keys_.back()));
    return at(node.Mark());
  }
  YAML::Mark after_colon(YAML::Mark key) const {
    if (key.line < 0 || static_cast<std::size_t>(key.line) >= starts_.size()) return key;
    const std::size_t start = starts_[static_cast<std::size_t>(key.line)];
    const std::size_t end = std::min(text_.find('\n', start), text_.size());
    std::size_t i = text_.find(':', start + static_cast<std::size_t>(std::max(key.column, 0)));
    if (i == std::string::npos || i >= end) return key;
    ++i;
    while (i < end && text_[i] == ' ') ++i;
    key.column = static_cast<int>(i - start);
    return key;
  }
  void error(const YAML::Node& node, std::string message, std::string hint = {}) {
    out_.diags.error(at(node), std::move(message), std::move(hint));
  }
  void warning(const YAML::Node& node, std::string message, std::string hint = {}) {
    out_.diags.warning(at(node), std::move(message), std::move(hint));
  }

  void fields(const YAML::Node& map, const std::string& where, const Table& table);
  std::optional<std::string> text(const YAML::Node& node, const std::string& what);
  std::optional<double> number(const YAML::Node& node, double min, double max);
  template <class E>
  std::optional<E> choice(const YAML::Node& node,
                          const std::vector<std::pair<std::string, E>>& options);

  Handler length(double& out, double min, double max = 2000) {
    return [this, &out, min, max](const YAML::Node& n) {
      if (auto v = number(n, min, max)) out = *v;
    };
  }
  // A bullet's mark: visible text.
  Handler mark(std::string& out, const std::string& what, const char* example) {
    return [this, &out, what, example](const YAML::Node& n) {
      const std::optional<std::string> t = text(n, what);
      if (!t) return;
      if (t->find_first_not_of(' ') == std::string::npos)
        return error(n, "the bullet must be a visible character",
                     std::string("e.g. \"") + example + "\"");
      out = *t;
    };
  }
  Handler gap(Gap& out);
  Handler color(Color& out);
  Handler role(ColorRole& out);
  Handler text_style(TextStyle& out, bool footer = false);
  Handler face(int index);
  Handler font(FontFace& face, SourceLoc& loc, const std::string& what, const std::string& style);
  void fallbacks(const YAML::Node& node);

  void extends(const YAML::Node& node);
  void page(const YAML::Node& node);
  void fonts(const YAML::Node& node);

  StyleLoad& out_;
  Style& s_;
  std::string file_;
  const std::string& text_;
  std::vector<std::size_t> starts_;
  std::vector<std::string>& chain_;  // files being read, outermost first
  std::vector<YAML::Mark> keys_;     // the keys being read, innermost last
};

void FileReader::fields(const YAML::Node& map, const std::string& where, const Table& table) {
  if (!map.IsMap()) {
    if (!map.IsNull()) error(map, fmt::format("{} must be a mapping of keys to values", where));
    return;
  }
  std::vector<std::string> known;
  for (const auto& entry : table) known.push_back(entry.first);
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    const auto found = std::find_if(table.begin(), table.end(),
                                    [&](const auto& entry) { return entry.first == key; });
    out_.key_locs[where + "." + key] = at(kv.first);
    if (found != table.end()) {
      keys_.push_back(kv.first.Mark());
      found->second(kv.second);
      keys_.pop_back();
      continue;
    }
    const std::string guess = closest(key, known);
    if (!guess.empty()) {
      warning(kv.first, fmt::format("unknown key `{}` in {}; it is ignored", key, where),
              fmt::format("did you mean `{}`?", guess));
    } else {
      warning(kv.first, fmt::format("unknown key `{}` in {}; it is ignored", key, where),
              fmt::format("known keys: {}", join(known)));
    }
  }
}

std::optional<std::string> FileReader::text(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    error(node, fmt::format("{} must be text", what));
    return std::nullopt;
  }
  return node.Scalar();
}

// A length: a number in bp, or a number with a unit (bp, pt, mm, cm, in).
std::optional<double> FileReader::number(const YAML::Node& node, double min, double max) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    error(node, "expected a number (in bp, 1/72 in)");
    return std::nullopt;
  }
  const std::string& s = node.Scalar();
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  std::string unit(end, s.data() + s.size());
  unit.erase(0, unit.find_first_not_of(' '));
  static const std::vector<std::pair<std::string, double>> units = {
      {"", 1}, {"bp", 1}, {"pt", 72 / 72.27}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}};
  const auto u = std::find_if(units.begin(), units.end(),
                              [&](const auto& entry) { return entry.first == unit; });
  if (ec != std::errc() || u == units.end()) {
    error(node, fmt::format("`{}` is not a length", s),
          "write a number in bp (1/72 in), or with a unit: 12.5, 10pt, 15mm, 0.5in");
    return std::nullopt;
  }
  value *= u->second;
  if (value < min || value > max) {
    error(node, fmt::format("{} is out of range: it must be between {} and {} bp", s, min, max));
    return std::nullopt;
  }
  return value;
}

template <class E>
std::optional<E> FileReader::choice(const YAML::Node& node,
                                    const std::vector<std::pair<std::string, E>>& options) {
  std::vector<std::string> names;
  for (const auto& o : options) names.push_back(o.first);
  if (!node.IsScalar()) {
    error(node, fmt::format("expected one of: {}", join(names)));
    return std::nullopt;
  }
  const std::string value = lower(node.Scalar());
  for (const auto& [name, e] : options)
    if (name == value) return e;
  const std::string guess = closest(value, names);
  error(node, fmt::format("`{}` is not one of: {}", node.Scalar(), join(names)),
        guess.empty() ? std::string() : fmt::format("did you mean `{}`?", guess));
  return std::nullopt;
}

FileReader::Handler FileReader::gap(Gap& out) {
  return [this, &out](const YAML::Node& node) {
    Gap g = out;
    if (node.IsScalar()) {  // a fixed gap
      if (auto v = number(node, 0, 500)) g = {*v, *v, *v};
    } else {
      fields(node, "a gap",
             {{"value", length(g.value, 0, 500)},
              {"min", length(g.min, 0, 500)},
              {"max", length(g.max, 0, 500)}});
    }
    if (g.min > g.value || g.value > g.max) {
      error(node,
            fmt::format("the gap's bounds must hold its value: min {} <= value {} <= max {}", g.min,
                        g.value, g.max),
            "the fitter stretches a gap between min and max; min = value = max fixes it");
      return;
    }
    out = g;
  };
}

FileReader::Handler FileReader::color(Color& out) {
  return [this, &out](const YAML::Node& node) {
    const std::string hint =
        "write a colour as \"#rrggbb\" or \"#rgb\", in quotes (# starts a comment in YAML)";
    if (!node.IsScalar() || node.Scalar().empty()) {
      error(node, "expected a colour", hint);
      return;
    }
    std::string hex = node.Scalar();
    const bool shape = hex.size() >= 4 && hex[0] == '#' &&
                       hex.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos &&
                       (hex.size() == 4 || hex.size() == 7);
    if (!shape) {
      error(node, fmt::format("`{}` is not a colour", hex), hint);
      return;
    }
    if (hex.size() == 4) hex = {'#', hex[1], hex[1], hex[2], hex[2], hex[3], hex[3]};
    const auto channel = [&](int i) {
      return std::stoi(hex.substr(1 + 2 * static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0;
    };
    out = {channel(0), channel(1), channel(2)};
  };
}

FileReader::Handler FileReader::role(ColorRole& out) {
  return [this, &out](const YAML::Node& node) {
    if (auto r = choice<ColorRole>(node, {{"text", ColorRole::Text},
                                          {"accent", ColorRole::Accent},
                                          {"muted", ColorRole::Muted}}))
      out = *r;
  };
}

FileReader::Handler FileReader::text_style(TextStyle& out, bool footer) {
  return [this, &out, footer](const YAML::Node& node) {
    Table table = {
        {"face",
         [this, &out](const YAML::Node& n) {
           if (auto f = choice<Face>(n, {{"regular", Face::Regular},
                                         {"bold", Face::Bold},
                                         {"italic", Face::Italic},
                                         {"bold_italic", Face::BoldItalic}}))
             out.face = *f;
         }},
        {"size", length(out.size, 3, 200)},
        {"leading", length(out.leading, 3, 300)},
        {"color", role(out.color)},
    };
    if (!footer) {
      table.emplace_back("case", [this, &out](const YAML::Node& n) {
        if (auto c = choice<TextCase>(n, {{"as-written", TextCase::AsWritten},
                                          {"upper", TextCase::Upper},
                                          {"small-caps", TextCase::SmallCaps}}))
          out.text_case = *c;
      });
    }
    fields(node, "a text style", table);
  };
}

FileReader::Handler FileReader::face(int index) {
  const auto i = static_cast<std::size_t>(index);
  return font(s_.faces[i], out_.font_locs[i], fmt::format("fonts.{}", kFaceKeys[index]),
              kFaceStyles[index]);
}

FileReader::Handler FileReader::font(FontFace& f, SourceLoc& loc, const std::string& what,
                                     const std::string& style) {
  return [this, &f, &loc, what, style](const YAML::Node& node) {
    if (node.IsScalar()) {  // just the family
      if (node.Scalar().empty()) return error(node, what + " needs a family name");
      f = FontFace{node.Scalar(), style, debian_font_package(node.Scalar()), "", 0, 0, false};
      loc = at(node);
      return;
    }
    FontFace next = f;
    next.package.clear();
    fields(node, what,
           {{"family",
             [&](const YAML::Node& n) {
               if (auto t = text(n, "a font family")) {
                 next.family = *t;
                 loc = at(n);
               }
             }},
            {"style",
             [&](const YAML::Node& n) {
               if (auto t = text(n, "a font style")) next.style = *t;
             }},
            {"package", [&](const YAML::Node& n) {
               if (auto t = text(n, "a Debian package name")) next.package = *t;
             }}});
    if (next.family.empty()) return error(node, what + " needs a family name");
    if (next.package.empty()) next.package = debian_font_package(next.family);
    f = next;
  };
}

void FileReader::page(const YAML::Node& node) {
  fields(node, "page",
         {{"size",
           [this](const YAML::Node& n) {
             if (!n.IsScalar() || !set_paper(s_, lower(n.Scalar())))
               error(n, "page.size must be `a4` or `letter`",
                     "for another size, give page.width and page.height");
           }},
          {"width", length(s_.page_width, 72, 14400)},
          {"height", length(s_.page_height, 72, 14400)},
          {"margins", [this](const YAML::Node& n) {
             if (n.IsScalar()) {
               if (auto v = number(n, 0, 1000))
                 s_.margin_top = s_.margin_bottom = s_.margin_left = s_.margin_right = *v;
               return;
             }
             fields(n, "page.margins",
                    {{"top", length(s_.margin_top, 0, 1000)},
                     {"bottom", length(s_.margin_bottom, 0, 1000)},
                     {"left", length(s_.margin_left, 0, 1000)},
                     {"right", length(s_.margin_right, 0, 1000)}});
           }}});
}

void FileReader::fonts(const YAML::Node& node) {
  // `family` and `package` apply to the four text faces; they come before
  // the faces' own keys, whatever the order in the file.
  if (node.IsMap()) {
    if (const YAML::Node family = node["family"]) {
      if (auto t = text(family, "fonts.family")) {
        for (int i = 0; i < static_cast<int>(Face::Mono); ++i) {
          s_.faces[static_cast<std::size_t>(i)] =
              FontFace{*t, kFaceStyles[i], debian_font_package(*t), "", 0, 0, false};
          out_.font_locs[static_cast<std::size_t>(i)] = at(family);
        }
      }
    }
    if (const YAML::Node package = node["package"]) {
      if (auto t = text(package, "fonts.package"))
        for (int i = 0; i < static_cast<int>(Face::Mono); ++i)
          s_.faces[static_cast<std::size_t>(i)].package = *t;
    }
  }
  const auto done = [](const YAML::Node&) {};
  fields(node, "fonts",
         {{"family", done},
          {"package", done},
          {"regular", face(0)},
          {"bold", face(1)},
          {"italic", face(2)},
          {"bold_italic", face(3)},
          {"mono", face(4)},
          {"math", font(s_.math_font, out_.math_loc, "fonts.math", "Regular")},
          {"fallback", [this](const YAML::Node& n) { fallbacks(n); }},
          {"small_caps_scale", [this](const YAML::Node& n) {
             double v = 0;
             const std::string t = n.IsScalar() ? n.Scalar() : "";
             const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
             if (t.empty() || ec != std::errc() || end != t.data() + t.size() || v < 0.5 || v > 1)
               return error(n, "fonts.small_caps_scale must be a number from 0.5 to 1",
                            "the size of synthesised small capitals, as a fraction of the text's");
             s_.small_caps_scale = v;
           }}});
}

// `fallback: [DejaVu Serif, {family: Droid Sans Fallback, package: ...}]`:
// replaces the chain; each family in its four text faces.
void FileReader::fallbacks(const YAML::Node& node) {
  if (!node.IsSequence()) {
    return error(node, "fonts.fallback must be a list of font families",
                 "e.g. fallback: [DejaVu Serif, Droid Sans Fallback]");
  }
  std::vector<FallbackFont> chain;
  std::vector<SourceLoc> locs;
  for (std::size_t i = 0; i < node.size(); ++i) {
    FontFace first{"", "Regular", "", "", 0, 0, false};
    SourceLoc loc;
    font(first, loc, fmt::format("fonts.fallback.{}", i), "Regular")(node[i]);
    if (first.family.empty()) continue;  // reported
    chain.push_back(fallback(first.family, first.package));
    locs.push_back(loc);
  }
  s_.fallbacks = std::move(chain);
  out_.fallback_locs = std::move(locs);
}

void FileReader::extends(const YAML::Node& node) {
  auto name = text(node, "extends");
  if (!name) return;
  std::string path;
  if (looks_like_path(*name)) {
    const fs::path relative = fs::path(file_).parent_path() / *name;
    path = fs::path(*name).is_absolute() ? *name : relative.lexically_normal().string();
    if (!read_text(path)) return error(node, fmt::format("cannot read the style file `{}`", path));
  } else {
    path = find_style_file(*name);
    if (path.empty()) {
      const std::vector<std::string> names = builtin_style_names();
      const std::string guess = closest(*name, names);
      return error(node, fmt::format("there is no style `{}` to extend", *name),
                   guess.empty() ? fmt::format("the styles are: {}", join(names))
                                 : fmt::format("did you mean `{}`?", guess));
    }
  }
  std::error_code ec;
  const std::string canonical = fs::weakly_canonical(path, ec).string();
  if (std::find(chain_.begin(), chain_.end(), canonical) != chain_.end())
    return error(node, fmt::format("`{}` extends itself (through {})", *name, path));
  if (chain_.size() >= static_cast<std::size_t>(kMaxExtends))
    return error(node, "styles extend each other too deeply");
  const std::optional<std::string> source = read_text(path);
  if (!source) return error(node, fmt::format("cannot read the style file `{}`", path));
  const std::string& stored = out_.sources[path] = *source;
  chain_.push_back(canonical);
  FileReader(out_, path, stored, chain_).read();
  chain_.pop_back();
}

void FileReader::read() {
  YAML::Node root;
  try {
    root = YAML::Load(text_);
  } catch (const YAML::ParserException& e) {
    out_.diags.error(at(e.mark), fmt::format("invalid YAML: {}", e.msg));
    return;
  } catch (const std::exception& e) {
    out_.diags.error({file_}, fmt::format("cannot parse the YAML: {}", e.what()));
    return;
  }
  if (root.IsNull()) return;  // an empty style: the base unchanged
  if (!root.IsMap()) {
    error(root, "a style file must be a mapping of keys to values",
          "see styles/classic.yaml for every key");
    return;
  }
  std::string name = fs::path(file_).stem().string();
  if (const YAML::Node base = root["extends"]) extends(base);
  s_.name = name;
  const auto done = [](const YAML::Node&) {};
  fields(root, "the style",
         {{"name",
           [&](const YAML::Node& n) {
             if (auto t = text(n, "name")) s_.name = *t;
           }},
          {"description", [&](const YAML::Node& n) { text(n, "description"); }},
          {"extends", done},
          {"page", [&](const YAML::Node& n) { page(n); }},
          {"fonts", [&](const YAML::Node& n) { fonts(n); }},
          {"colors",
           [&](const YAML::Node& n) {
             fields(n, "colors",
                    {{"text", color(s_.text_color)},
                     {"accent", color(s_.accent_color)},
                     {"muted", color(s_.muted_color)},
                     {"link", color(s_.link_color)}});
           }},
          {"text",
           [&](const YAML::Node& n) {
             fields(n, "text",
                    {{"name", text_style(s_.name_text)},
                     {"headline", text_style(s_.headline_text)},
                     {"tagline", text_style(s_.tagline_text)},
                     {"contact", text_style(s_.contact_text)},
                     {"section", text_style(s_.section_text)},
                     {"body", text_style(s_.body)},
                     {"title", text_style(s_.title_text)},
                     {"subtitle", text_style(s_.subtitle_text)},
                     {"date", text_style(s_.date_text)},
                     {"location", text_style(s_.location_text)},
                     {"footer", text_style(s_.footer_text, true)}});
           }},
          {"header",
           [&](const YAML::Node& n) {
             fields(
                 n, "header",
                 {{"align",
                   [&](const YAML::Node& v) {
                     if (auto a = choice<Align>(v, {{"left", Align::Left},
                                                    {"center", Align::Center},
                                                    {"right", Align::Right}}))
                       s_.header_align = *a;
                   }},
                  {"separator",
                   [&](const YAML::Node& v) {
                     if (auto t = text(v, "header.separator")) s_.contact_separator = *t;
                   }},
                  {"contacts", [&](const YAML::Node& v) {
                     if (auto c = choice<bool>(v, {{"own-line", false}, {"with-headline", true}}))
                       s_.contacts_with_headline = *c;
                   }}});
           }},
          {"section",
           [&](const YAML::Node& n) {
             fields(n, "section",
                    {{"rule",
                      [&](const YAML::Node& v) {
                        if (auto r = choice<SectionRule>(v, {{"below", SectionRule::Below},
                                                             {"across", SectionRule::Below},
                                                             {"after", SectionRule::After},
                                                             {"none", SectionRule::None}}))
                          s_.section_rule = *r;
                      }},
                     {"rule_color", role(s_.rule_color)},
                     {"rule_width", length(s_.rule_width, 0, 20)},
                     {"rule_offset", length(s_.rule_offset, -50, 50)},
                     {"rule_gap", length(s_.rule_gap, 0, 200)}});
           }},
          {"entry",
           [&](const YAML::Node& n) {
             fields(n, "entry",
                    {{"dates",
                      [&](const YAML::Node& v) {
                        if (auto d = choice<DatePlacement>(v, {{"right", DatePlacement::Right},
                                                               {"left", DatePlacement::Left},
                                                               {"below", DatePlacement::Below}}))
                          s_.dates = *d;
                      }},
                     {"date_column", length(s_.date_column, 0, 400)},
                     {"date_gap", length(s_.date_gap, 0, 200)},
                     {"bullet", mark(s_.bullet, "entry.bullet", "\u2022")},
                     {"nested_bullet", mark(s_.nested_bullet, "entry.nested_bullet", "\u2013")},
                     {"bullet_color", role(s_.bullet_color)},
                     {"item_indent", length(s_.item_indent, 0, 200)},
                     {"bullet_offset", length(s_.bullet_offset, 0, 200)},
                     {"number_indent", length(s_.number_indent, 0, 200)},
                     {"number_gap", length(s_.number_gap, 0, 200)}});
           }},
          {"spacing", [&](const YAML::Node& n) {
             fields(n, "spacing",
                    {{"header_gap", gap(s_.header_gap)},
                     {"header_after", gap(s_.header_after)},
                     {"section_before", gap(s_.section_before)},
                     {"section_after", gap(s_.section_after)},
                     {"block_gap", gap(s_.block_gap)},
                     {"item_gap", gap(s_.item_gap)},
                     {"footer_skip", length(s_.footer_skip, -500, 500)}});
           }}});
}

// Where the first of `keys` that a file gave was read ({file} when none was).
SourceLoc key_loc(const StyleLoad& out, const std::string& file,
                  std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (const auto found = out.key_locs.find(key); found != out.key_locs.end())
      return found->second;
  return {file};
}

// What no single key can check: the parts must fit together. Each problem
// is placed at the key most likely to blame.
void check_whole(StyleLoad& out, const std::string& file) {
  const Style& s = out.style;
  const double text_width = s.page_width - s.margin_left - s.margin_right;
  const double text_height = s.page_height - s.margin_top - s.margin_bottom;
  if (text_width < 72 || text_height < 72) {
    out.diags.error(
        key_loc(out, file,
                {"page.margins", "page.margins.left", "page.margins.right", "page.margins.top",
                 "page.margins.bottom", "page.width", "page.height", "page.size"}),
        fmt::format("the margins leave a text area of {:.0f} x {:.0f} bp", text_width, text_height),
        "page.margins must leave at least 72 bp (1 in) each way");
  }
  if (s.dates == DatePlacement::Left &&
      (s.date_column <= s.date_gap || s.date_column > text_width / 2)) {
    out.diags.error(key_loc(out, file, {"entry.date_column", "entry.dates", "entry.date_gap"}),
                    fmt::format("entry.dates is `left`, but entry.date_column ({} bp) is not "
                                "between entry.date_gap ({} bp) and half the text width",
                                s.date_column, s.date_gap),
                    "a date column of 60-90 bp holds \"Nov 2025 – Present\" at 9 bp");
  }
}

StyleLoad load_top(const std::string& text, const std::string& file) {
  StyleLoad out;
  out.style = classic_style();
  const std::string& stored = out.sources[file] = text;
  std::error_code ec;
  std::vector<std::string> chain = {fs::weakly_canonical(file, ec).string()};
  FileReader(out, file, stored, chain).read();
  if (!out.diags.has_errors()) check_whole(out, file);
  return out;
}

}  // namespace

std::string StyleLoad::render() const {
  std::string text;
  for (const Diagnostic& d : diags.all()) {
    const auto found = sources.find(d.loc.file);
    text += cvpress::render(d, found == sources.end() ? std::string_view() : found->second);
  }
  return text;
}

StyleLoad load_style_file(const std::string& path) {
  const std::optional<std::string> text = read_text(path);
  if (!text) {
    StyleLoad out;
    out.style = classic_style();
    out.diags.error({path}, "cannot read the style file",
                    "a style file is YAML of at most 1 MiB; see styles/classic.yaml");
    return out;
  }
  return load_top(*text, path);
}

StyleLoad load_style_text(const std::string& text, const std::string& file_name) {
  return load_top(text, file_name);
}

std::vector<std::string> style_search_path() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CVPRESS_STYLE_PATH")) {
    std::string list = env;
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t end = std::min(list.find(':', start), list.size());
      if (end > start) candidates.push_back(list.substr(start, end - start));
      start = end + 1;
    }
  }
  if (const std::string exe = executable_dir(); !exe.empty()) {
    candidates.push_back(exe + "/styles");
    candidates.push_back(exe + "/../share/cvpress/styles");
  }
  candidates.push_back(std::string(CVPRESS_SOURCE_DIR) + "/styles");
  std::vector<std::string> out;
  for (const std::string& dir : candidates) {
    std::error_code ec;
    if (fs::is_directory(dir, ec)) out.push_back(fs::path(dir).lexically_normal().string());
  }
  return out;
}

std::vector<std::string> builtin_style_names() {
  std::set<std::string> names;
  for (const std::string& dir : style_search_path()) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".yaml") names.insert(entry.path().stem().string());
    }
  }
  return {names.begin(), names.end()};
}

std::string find_style_file(const std::string& name_or_path) {
  std::error_code ec;
  if (looks_like_path(name_or_path))
    return fs::is_regular_file(name_or_path, ec) ? name_or_path : "";
  if (name_or_path.empty() || name_or_path.find_first_of("/\\.") == 0) return "";
  for (const std::string& dir : style_search_path()) {
    const std::string file = dir + "/" + name_or_path + ".yaml";
    if (fs::is_regular_file(file, ec)) return file;
  }
  return "";
}

std::string style_for_theme(const std::string& theme) {
  static const std::pair<const char*, const char*> themes[] = {
      {"classic", "classic"}, {"engineeringclassic", "classic"}, {"harvard", "classic"},
      {"sb2nov", "compact"},  {"engineeringresumes", "compact"}, {"moderncv", "modern"},
  };
  const std::string key = lower(theme);
  for (const auto& [name, style] : themes)
    if (key == name) return style;
  return theme;
}

Style load_style(const std::string& name_or_path, Diagnostics& diags) {
  const std::string name = name_or_path.empty() ? "classic" : style_for_theme(name_or_path);
  const std::string file = find_style_file(name);
  if (file.empty()) {
    if (looks_like_path(name)) {
      diags.error({name}, "cannot read the style file");
      return classic_style();
    }
    const std::vector<std::string> names = builtin_style_names();
    const std::string guess = closest(name, names);
    diags.error(
        {}, fmt::format("there is no style `{}`", name),
        guess.empty()
            ? fmt::format("the styles are {}, or a style file's path (my-style.yaml)", join(names))
            : fmt::format("did you mean `{}`?", guess));
    return classic_style();
  }
  StyleLoad loaded = load_style_file(file);
  for (const Diagnostic& d : loaded.diags.all()) diags.add(d);
  if (loaded.diags.has_errors()) return loaded.style;
  const auto located = [&](SourceLoc loc) {
    if (loc.file.empty()) loc.file = file;
    return loc;
  };
  // One error per missing family (set at one place), naming its faces.
  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < kFaceCount; ++i)
    if (!resolve_face(loaded.style.faces[i]).empty()) missing.push_back(i);
  for (std::size_t k = 0; k < missing.size(); ++k) {
    const FontFace& face = loaded.style.faces[missing[k]];
    const SourceLoc& loc = loaded.font_locs[missing[k]];
    const auto same = [&](std::size_t j) {
      const SourceLoc& other = loaded.font_locs[j];
      return loaded.style.faces[j].family == face.family && other.file == loc.file &&
             other.line == loc.line && other.col == loc.col;
    };
    if (std::any_of(missing.begin(), missing.begin() + static_cast<long>(k), same)) continue;
    std::vector<std::string> styles, keys;
    bool text_faces_only = true;
    for (std::size_t j : missing) {
      if (!same(j)) continue;
      styles.push_back(loaded.style.faces[j].style);
      keys.push_back(fmt::format("fonts.{}", kFaceKeys[j]));
      text_faces_only = text_faces_only && j < kTextFaceCount;
    }
    const bool whole_family = text_faces_only && styles.size() == kTextFaceCount;
    diags.error(located(loc), fmt::format("{} ({})", missing_font(face, styles),
                                          whole_family ? "fonts.family" : join(keys)));
  }
  for (std::size_t k = 0; k < loaded.style.fallbacks.size(); ++k) {
    for (FontFace& face : loaded.style.fallbacks[k].faces) {
      if (std::string problem = resolve_face(face); !problem.empty()) {
        const SourceLoc loc =
            k < loaded.fallback_locs.size() ? loaded.fallback_locs[k] : SourceLoc{};
        diags.error(located(loc), fmt::format("{} (fonts.fallback)", problem));
        break;
      }
    }
  }
  if (std::string problem = resolve_math_face(loaded.style.math_font); !problem.empty())
    diags.error(located(loaded.math_loc), fmt::format("{} (fonts.math)", problem));
  return loaded.style;
}

std::string render_style_diagnostics(const Diagnostics& diags) {
  std::map<std::string, std::string> sources;
  std::string out;
  for (const Diagnostic& d : diags.all()) {
    if (!d.loc.file.empty() && !sources.count(d.loc.file))
      sources[d.loc.file] = read_text(d.loc.file).value_or("");
    out += render(d, d.loc.file.empty() ? std::string_view() : sources[d.loc.file]);
  }
  return out;
}

bool set_paper(Style& style, const std::string& paper) {
  const std::string p = lower(paper);
  if (p == "a4") {
    style.page_width = kA4Width;
    style.page_height = kA4Height;
    return true;
  }
  if (p == "letter" || p == "us-letter" || p == "usletter") {
    style.page_width = kLetterWidth;
    style.page_height = kLetterHeight;
    return true;
  }
  return false;
}

}  // namespace cvpress

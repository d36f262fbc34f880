// Style files: every built-in one loads without a diagnostic and is the design
// README.md shows; a broken one gives errors at file:line:col with a caret;
// unknown keys are warnings with the closest key; RenderCV theme names map to
// the nearest style; and README.md's "Every key" table and example say what
// the loader really reads.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "files.h"
#include "load/diagnostics.h"
#include "style/style_loader.h"

using namespace cvpress;
using namespace cvpress::test;
namespace fs = std::filesystem;

namespace {

const std::string kSource = fs::path(CVPRESS_TEST_DIR).parent_path().string();

StyleLoad load(const std::string& yaml) { return load_style_text(yaml, "my.yaml"); }

// The first diagnostic whose message contains `needle`, or nullptr.
const Diagnostic* find(const StyleLoad& loaded, const std::string& needle) {
  for (const Diagnostic& d : loaded.diags.all())
    if (d.message.find(needle) != std::string::npos) return &d;
  return nullptr;
}

// The diagnostic whose message holds `needle` is placed at line:col.
void check_at(const StyleLoad& loaded, const std::string& needle, int line, int col) {
  INFO(needle);
  const Diagnostic* d = find(loaded, needle);
  REQUIRE(d != nullptr);
  CHECK(d->loc.line == line);
  CHECK(d->loc.col == col);
}

std::string style_file(const std::string& name) { return kSource + "/styles/" + name + ".yaml"; }

// A built-in style as its file gives it, fonts not resolved.
Style builtin(const std::string& name) {
  const StyleLoad loaded = load_style_file(style_file(name));
  INFO(loaded.render());
  REQUIRE(loaded.diags.empty());
  return loaded.style;
}

// A built-in style or theme as a build gets it, fonts resolved.
Style resolved(const std::string& name) {
  Diagnostics diags;
  const Style s = load_style(name, diags);
  INFO(render_style_diagnostics(diags));
  REQUIRE(diags.empty());
  return s;
}

std::vector<std::string> style_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kSource + "/styles"))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Characters and lines a style gives body text: a measure of content per page.
double body_capacity(const Style& s) {
  const double width = s.page_width - s.margin_left - s.margin_right - s.content_indent();
  const double height = s.page_height - s.margin_top - s.margin_bottom;
  return (width / s.body.size) * (height / s.body.leading);
}

// YAML that sets the dotted `path` to `value`, nested a map per part.
std::string nested(const std::string& path, const std::string& value) {
  std::string yaml, indent;
  std::istringstream parts(path);
  std::vector<std::string> keys;
  for (std::string key; std::getline(parts, key, '.');) keys.push_back(key);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    yaml += indent + keys[i] + ":" + (i + 1 == keys.size() ? " " + value : "") + "\n";
    indent += "  ";
  }
  return yaml;
}

// The part of README.md from `heading` to the next heading of its level or above.
std::string readme_part(const std::string& heading) {
  const std::string readme = read_file(kSource + "/README.md");
  const std::size_t start = readme.find("\n" + heading + "\n");
  REQUIRE(start != std::string::npos);
  const std::size_t level = heading.find(' ');
  // The part ends at the next heading of its level or above; a `#` line in
  // a fenced code block (a YAML comment) is no heading.
  bool in_code = false;
  std::size_t end = readme.find('\n', start + 1);
  for (; end != std::string::npos && end + 1 < readme.size(); end = readme.find('\n', end + 1)) {
    const std::size_t at = end + 1;
    if (readme.compare(at, 3, "```") == 0) in_code = !in_code;
    if (in_code || readme[at] != '#') continue;
    const std::size_t hashes = readme.find_first_not_of('#', at) - at;
    if (hashes <= level && readme[at + hashes] == ' ') break;
  }
  return readme.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct KeyRow {
  std::string key, meaning, default_value;  // default_value: YAML, "" when the cell has none
};

// The rows of README.md's "Every key" table.
std::vector<KeyRow> readme_keys() {
  std::vector<KeyRow> rows;
  std::istringstream lines(readme_part("#### Every key"));
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    std::vector<std::string> cells;
    for (std::size_t at = 2, next; (next = line.find(" | ", at)) != std::string::npos;
         at = next + 3)
      cells.push_back(line.substr(at, next - at));
    REQUIRE(cells.size() >= 3);
    KeyRow row{cells[0].substr(1, cells[0].size() - 2), cells[1], ""};
    if (cells[2].starts_with("`")) row.default_value = cells[2].substr(1, cells[2].rfind('`') - 1);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

TEST_CASE("every style in styles/ loads without a diagnostic, fonts and all", "[style]") {
  const std::vector<std::string> names = style_files();
  for (const char* expected : {"classic", "compact", "modern"})
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  const std::vector<std::string> builtins = builtin_style_names();
  for (const std::string& name : names) {
    INFO(name);
    CHECK(std::find(builtins.begin(), builtins.end(), name) != builtins.end());
    const Style s = resolved(name);
    CHECK(s.name == name);
    for (const FontFace& face : s.faces) {
      INFO(face.family << " " << face.style);
      CHECK(fs::is_regular_file(face.file));
      CHECK(face.file.ends_with(".ttf"));
    }
  }
}

TEST_CASE("the built-in styles are the three designs", "[style]") {
  const Style classic = builtin("classic"), modern = builtin("modern"),
              compact = builtin("compact");

  // classic: a serif, a centred header, small-caps titles (the font's own) under a thin
  // rule, dates right; A4.
  CHECK(classic.faces[0].family == "Charis SIL");
  CHECK(classic.header_align == Align::Center);
  CHECK(classic.section_text.text_case == TextCase::SmallCaps);
  CHECK(classic.section_rule == SectionRule::Below);
  CHECK(classic.rule_offset < -classic.section_text.size);  // over the title
  CHECK(classic.rule_width <= 0.6);
  CHECK(classic.dates == DatePlacement::Right);
  CHECK(classic.page_height == Approx(841.8898));

  // modern (Awesome-CV): a sans, a left-aligned header, accent-coloured titles followed by a
  // rule, small-caps roles, places right of the titles and dates right of the roles.
  CHECK(modern.faces[0].family == "Lato");
  CHECK(modern.header_align == Align::Left);
  CHECK(modern.accent_color != modern.text_color);
  CHECK(modern.section_text.color == ColorRole::Accent);
  CHECK(modern.section_text.text_case == TextCase::AsWritten);
  CHECK(modern.subtitle_text.text_case == TextCase::SmallCaps);
  CHECK(modern.section_rule == SectionRule::After);
  CHECK(modern.dates == DatePlacement::Below);
  CHECK(modern.content_indent() == 0);

  // compact (Jake's resume): small-caps name and titles over a rule under them.
  CHECK(compact.name_text.text_case == TextCase::SmallCaps);
  CHECK(compact.section_text.text_case == TextCase::SmallCaps);
  CHECK(compact.section_rule == SectionRule::Below);
  CHECK(compact.rule_offset > 0);

  // compact: the most text per page, on US Letter, with the tightest gaps.
  CHECK(compact.faces[0].family == "Carlito");
  CHECK(compact.page_width == 612);
  CHECK(compact.page_height == 792);
  CHECK(body_capacity(compact) > body_capacity(classic));
  CHECK(body_capacity(compact) > body_capacity(modern));
  for (const Style* other : {&classic, &modern}) {
    CHECK(compact.section_before.value < other->section_before.value);
    CHECK(compact.block_gap.value < other->block_gap.value);
  }

  // No name, no theme: classic.
  CHECK(resolved("") == resolved("classic"));
}

TEST_CASE("a file without extends starts from classic.yaml's numbers", "[style]") {
  Style base = load_style_text("", "classic.yaml").style;
  const Style file = builtin("classic");
  // README.md says which defaults still differ; it must say so exactly when they do.
  const bool differ =
      base.rule_offset != file.rule_offset || base.section_after != file.section_after;
  CHECK(differ == (readme_part("#### Every key").find("Two defaults differ") != std::string::npos));
  base.rule_offset = file.rule_offset;
  base.section_after = file.section_after;
  CHECK(base == file);
}

TEST_CASE("a broken style file gives errors at file:line:col with a caret", "[style]") {
  SECTION("a value that is none of the choices") {
    const StyleLoad r = load("section:\n  rule: sideways\n");
    CHECK(r.diags.has_errors());
    CHECK(r.render() ==
          "my.yaml:2:9: error: `sideways` is not one of: below, across, after, none\n"
          "  rule: sideways\n"
          "        ^\n");
  }
  SECTION("a YAML syntax error") {
    const StyleLoad r = load("page:\n  size: a4\n   margins: 40\ntext: {}\n");
    CHECK(r.diags.has_errors());
    CHECK(
        r.render().starts_with("my.yaml:3:11: error: invalid YAML: illegal map value\n"
                               "   margins: 40\n"
                               "          ^\n"));
  }
  SECTION("a length that is not one") {
    const StyleLoad r = load("page:\n  margins: {top: 2 furlongs}\n");
    const Diagnostic* d = find(r, "`2 furlongs` is not a length");
    REQUIRE(d != nullptr);
    CHECK(d->loc.line == 2);
    CHECK(d->loc.col == 18);
    CHECK(d->hint.find("15mm") != std::string::npos);
  }
  SECTION("a number out of range") {
    const StyleLoad r = load("text:\n  body: {size: 500}\n");
    check_at(r, "500 is out of range: it must be between 3 and 200 bp", 2, 16);
  }
  SECTION("a colour without quotes, which YAML reads as a comment: placed on its own line") {
    const StyleLoad r = load("colors:\n  accent: #ff0000\n  link: \"#000\"\n");
    const Diagnostic* d = find(r, "expected a colour");
    REQUIRE(d != nullptr);
    CHECK(d->hint.find("in quotes") != std::string::npos);
    CHECK(
        r.render().starts_with("my.yaml:2:11: error: expected a colour\n"
                               "  accent: #ff0000\n"
                               "          ^\n"));
  }
  SECTION("a key without a value: placed after its colon") {
    const StyleLoad r = load("entry:\n  bullet:\n  item_indent: 9\n");
    check_at(r, "entry.bullet must be text", 2, 10);
  }
  SECTION("a gap whose bounds do not hold its value") {
    const StyleLoad r = load("spacing:\n  block_gap: {value: 2, min: 3, max: 9}\n");
    check_at(r, "the gap's bounds must hold its value", 2, 14);
  }
  SECTION("a face a text style cannot have, and a case") {
    const StyleLoad r = load("text:\n  body: {face: mono}\n  section: {case: smallcaps}\n");
    CHECK(r.diags.error_count() == 2);
    CHECK(find(r, "`mono` is not one of: regular, bold, italic, bold_italic") != nullptr);
    const Diagnostic* d = find(r, "`smallcaps` is not one of: as-written, upper, small-caps");
    REQUIRE(d != nullptr);
    CHECK(d->hint == "did you mean `small-caps`?");
  }
  SECTION("a small caps scale that is no fraction") {
    const StyleLoad r = load("fonts:\n  small_caps_scale: 80%\n");
    check_at(r, "fonts.small_caps_scale must be a number from 0.5 to 1", 2, 21);
  }
  SECTION("dates on the left without a date column: placed at the key") {
    const StyleLoad r = load("page:\n  size: a4\nentry:\n  dates: left\n");
    check_at(r, "entry.date_column", 4, 3);
  }
  SECTION("margins that leave no text area: placed at the margins") {
    const StyleLoad r = load("name: wide\npage:\n  size: a4\n  margins: {left: 300, right: 300}\n");
    CHECK(
        r.render().starts_with("my.yaml:4:3: error: the margins leave a text area of -5 x 742 bp\n"
                               "  margins: {left: 300, right: 300}\n"
                               "  ^\n"));
  }
  SECTION("a list where the style's keys belong") {
    const StyleLoad r = load("- page\n- fonts\n");
    CHECK(find(r, "a style file must be a mapping") != nullptr);
  }
  SECTION("a missing family: one error at its line, naming its faces") {
    const std::string dir = scratch_dir("style-nofont");
    write_file(dir + "/nofont.yaml", "name: nofont\nfonts:\n  family: No Such Family\n");
    Diagnostics diags;
    load_style(dir + "/nofont.yaml", diags);
    REQUIRE(diags.error_count() == 1);
    CHECK(render_style_diagnostics(diags) ==
          dir +
              "/nofont.yaml:3:11: error: font \"No Such Family\" (Regular, Bold, Italic, "
              "Bold Italic) is not installed as TrueType (install the Debian fonts-* package "
              "that has it) (fonts.family)\n"
              "  family: No Such Family\n"
              "          ^\n");
  }
  SECTION("a file: the location names it, and the build is refused") {
    const std::string dir = scratch_dir("style-broken");
    write_file(dir + "/broken.yaml", "name: broken\nentry:\n  bullet: \" \"\n");
    Diagnostics diags;
    load_style(dir + "/broken.yaml", diags);
    REQUIRE(diags.has_errors());
    const std::string text = render_style_diagnostics(diags);
    CHECK(text.starts_with(dir +
                           "/broken.yaml:3:11: error: the bullet must be a visible character\n"
                           "  bullet: \" \"\n"
                           "          ^\n"));
  }
  SECTION("a sub-bullet's mark too") {
    const std::string dir = scratch_dir("style-broken-nested");
    write_file(dir + "/nested.yaml", "name: nested\nentry:\n  nested_bullet: \"\"\n");
    Diagnostics diags;
    load_style(dir + "/nested.yaml", diags);
    CHECK(render_style_diagnostics(diags).find(
              "nested.yaml:3:18: error: the bullet must be a visible character") !=
          std::string::npos);
  }
}

TEST_CASE("each built-in style sets its sub-bullet mark", "[style]") {
  for (const auto& [name, mark] :
       {std::pair{"classic", "\u2013"}, {"modern", "\u25E6"}, {"compact", "\u25E6"}}) {
    Diagnostics diags;
    const Style style = load_style(name, diags);
    INFO(name);
    CHECK(style.nested_bullet == mark);
  }
}

TEST_CASE("an unknown key is a warning with the closest key; the rest applies", "[style]") {
  const StyleLoad r =
      load("text:\n  body: {size: 9.5, leadng: 12}\ncolours: {accent: \"#ff0000\"}\n");
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(r.diags.warning_count() == 2);
  CHECK(r.render() ==
        "my.yaml:2:21: warning: unknown key `leadng` in a text style; it is ignored\n"
        "  body: {size: 9.5, leadng: 12}\n"
        "                    ^\n"
        "  hint: did you mean `leading`?\n"
        "my.yaml:3:1: warning: unknown key `colours` in the style; it is ignored\n"
        "colours: {accent: \"#ff0000\"}\n"
        "^\n"
        "  hint: did you mean `colors`?\n");
  CHECK(r.style.body.size == 9.5);
  CHECK(r.style.body.leading == classic_style().body.leading);
  CHECK(r.style.accent_color == classic_style().accent_color);

  // With no key close enough, the hint lists the known ones.
  const StyleLoad far = load("section:\n  zzzzzzzz: 1\n");
  REQUIRE(far.diags.warning_count() == 1);
  CHECK(far.diags.all()[0].hint ==
        "known keys: rule, rule_color, rule_width, rule_offset, rule_gap");
}

TEST_CASE("lengths are bp or carry a unit", "[style]") {
  const StyleLoad r = load(
      "page:\n  margins: {top: 10mm, bottom: 1cm, left: 0.5in, right: 12pt}\n"
      "text:\n  body: {size: 9.5bp}\n");
  INFO(r.render());
  REQUIRE(r.diags.empty());
  CHECK(r.style.margin_top == Approx(28.3465));
  CHECK(r.style.margin_bottom == Approx(28.3465));
  CHECK(r.style.margin_left == Approx(36));
  CHECK(r.style.margin_right == Approx(12 * 72 / 72.27));
  CHECK(r.style.body.size == 9.5);
}

TEST_CASE("a user's style file extends a built-in style or another file", "[style]") {
  const std::string dir = scratch_dir("style-extends");
  write_file(dir + "/base.yaml", "extends: compact\ncolors: {accent: \"#aa0000\"}\n");
  write_file(dir + "/mine.yaml", "extends: base.yaml\ntext:\n  body: {size: 9}\n");

  SECTION("a chain of two files and a built-in style") {
    Diagnostics diags;
    const Style s = load_style(dir + "/mine.yaml", diags);
    INFO(render_style_diagnostics(diags));
    REQUIRE(diags.empty());
    CHECK(s.name == "mine");
    CHECK(s.faces[0].family == "Carlito");              // compact's
    CHECK(s.page_width == 612);                         // compact's
    CHECK(s.accent_color == Color{170 / 255.0, 0, 0});  // base.yaml's
    CHECK(s.body.size == 9);                            // mine.yaml's
    CHECK(s.body.leading == builtin("compact").body.leading);
  }
  SECTION("a cycle") {
    write_file(dir + "/a.yaml", "extends: b.yaml\n");
    write_file(dir + "/b.yaml", "extends: a.yaml\n");
    const StyleLoad r = load_style_file(dir + "/a.yaml");
    CHECK(find(r, "extends itself") != nullptr);
  }
  SECTION("a style that does not exist") {
    const StyleLoad r = load("extends: modrn\n");
    const Diagnostic* d = find(r, "there is no style `modrn` to extend");
    REQUIRE(d != nullptr);
    CHECK(d->loc.line == 1);
    CHECK(d->loc.col == 10);
    CHECK(d->hint == "did you mean `modern`?");
  }
}

TEST_CASE("RenderCV theme names map to the nearest built-in style", "[style]") {
  const std::vector<std::pair<std::string, std::string>> themes = {
      {"classic", "classic"},
      {"engineeringclassic", "classic"},
      {"harvard", "classic"},
      {"sb2nov", "compact"},
      {"engineeringresumes", "compact"},
      {"moderncv", "modern"},
      {"ModernCV", "modern"},
      {"SB2NOV", "compact"},
  };
  for (const auto& [theme, style] : themes) {
    INFO(theme);
    CHECK(style_for_theme(theme) == style);
    CHECK(resolved(theme) == resolved(style));
  }
  // A style's own name, or a file, is not a theme.
  CHECK(style_for_theme("modern") == "modern");
  CHECK(style_for_theme("styles/my.yaml") == "styles/my.yaml");

  Diagnostics diags;
  load_style("modrn", diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].message == "there is no style `modrn`");
  CHECK(diags.all()[0].hint == "did you mean `modern`?");
}

TEST_CASE("README's key table: each key with classic's default reads back as classic",
          "[style][readme]") {
  const std::vector<KeyRow> rows = readme_keys();
  REQUIRE(rows.size() > 50);
  Style classic = builtin("classic");
  classic.name = "row";
  int checked = 0;
  for (const KeyRow& row : rows) {
    if (row.default_value.empty()) continue;
    const std::string yaml = "extends: classic\n" + nested(row.key, row.default_value);
    INFO(yaml);
    const StyleLoad r = load_style_text(yaml, "row.yaml");
    INFO(r.render());
    CHECK(r.diags.empty());
    CHECK(r.style == classic);
    ++checked;
  }
  CHECK(checked > 50);
}

TEST_CASE("README's key table lists every key the loader reads", "[style][readme]") {
  const std::vector<KeyRow> rows = readme_keys();
  const auto documented = [&](const std::string& path) {
    return std::any_of(rows.begin(), rows.end(), [&](const KeyRow& row) {
      return row.key == path || row.key.starts_with(path + ".");
    });
  };
  // Each table of the loader, and the name README.md gives its keys' parent.
  const std::vector<std::pair<std::string, std::string>> tables = {
      {"", ""},
      {"page", "page"},
      {"page.margins", "page.margins"},
      {"fonts", "fonts"},
      {"colors", "colors"},
      {"text", "text"},
      {"text.body", "text.<role>"},
      {"header", "header"},
      {"section", "section"},
      {"entry", "entry"},
      {"spacing", "spacing"},
      {"spacing.block_gap", "spacing.<gap>"},
  };
  for (const auto& [table, parent] : tables) {
    INFO("table `" << table << "`");
    const StyleLoad r =
        load(table.empty() ? "zzzzzzzz: 1\n" : nested(table, "") + "  zzzzzzzz: 1\n");
    // The probe key sits one level below the table; nested() indents by the depth.
    const StyleLoad probe = table.empty() ? r : load([&] {
      std::string yaml = nested(table, "");
      const std::size_t depth =
          static_cast<std::size_t>(std::count(table.begin(), table.end(), '.'));
      return yaml + std::string(2 * (depth + 1), ' ') + "zzzzzzzz: 1\n";
    }());
    REQUIRE(probe.diags.warning_count() == 1);
    const std::string hint = probe.diags.all()[0].hint;
    REQUIRE(hint.starts_with("known keys: "));
    std::istringstream keys(hint.substr(12));
    for (std::string key; std::getline(keys, key, ',');) {
      key.erase(0, key.find_first_not_of(' '));
      const std::string path = parent.empty() ? key : parent + "." + key;
      INFO(path);
      CHECK(documented(path));
    }
  }
}

TEST_CASE("README's own-style example loads without a diagnostic", "[style][readme]") {
  const std::string part = readme_part("### Writing your own style");
  const std::size_t start = part.find("```yaml\n");
  REQUIRE(start != std::string::npos);
  const std::size_t end = part.find("```\n", start + 8);
  REQUIRE(end != std::string::npos);
  const std::string dir = scratch_dir("style-readme");
  write_file(dir + "/my-style.yaml", part.substr(start + 8, end - start - 8));
  const Style s = resolved(dir + "/my-style.yaml");
  CHECK(s.name == "my-style");
  CHECK(s.page_width == 612);
  CHECK(s.faces[0].family == "Lato");
  CHECK(s.accent_color == Color{0x2e / 255.0, 0x7d / 255.0, 0x32 / 255.0});
  CHECK(s.dates == DatePlacement::Right);
  CHECK(s.section_rule == SectionRule::Below);
  CHECK(s.block_gap == Gap{6, 6, 6});
  // Keys it leaves out keep modern's values.
  CHECK(s.name_text.face == builtin("modern").name_text.face);
  CHECK(s.subtitle_text == builtin("modern").subtitle_text);
}

// Overrides (--set and profile overrides) and the description of the input
// they are checked against.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/overrides.h"
#include "load/yaml_loader.h"

using namespace cvpress;

namespace {

const char* const kCv = R"(cv:
  name: Ada
  headline: Analyst
  sections:
    experience:
      - company: Engines Ltd
        position: Analyst
        highlights:
          - Wrote the first program
          - text: Notes
            tags: [math]
    summary:
      - One paragraph.
design:
  theme: classic
profiles:
  job:
    overrides:
      cv.headline: Programmer
      cv.sections.experience.0.position: Lead
  typo:
    overrides:
      cv.headlin: X
)";

YAML::Node tree(const std::string& yaml = kCv) { return YAML::Load(yaml); }

// set_path on `root`; the error message, or "" when it worked.
std::string set(YAML::Node& root, const std::string& path, const std::string& value) {
  std::string problem;
  const std::optional<YAML::Node> node = parse_override_value(value, problem);
  REQUIRE(node);
  const std::optional<PathError> e = set_path(root, input_schema(), path, *node);
  return e ? e->message + (e->hint.empty() ? "" : " | " + e->hint) : "";
}

LoadResult load(const LoadOptions& options, const std::string& yaml = kCv) {
  return load_cv_text(yaml, "cv.yaml", options);
}

void collect(const std::vector<FieldInfo>& fields, std::vector<const FieldInfo*>& out) {
  for (const FieldInfo& f : fields) {
    out.push_back(&f);
    collect(f.fields, out);
  }
}

}  // namespace

TEST_CASE("overrides: PATH=VALUE", "[overrides]") {
  const std::optional<Override> o = parse_override(" cv.headline = GPU = fast ");
  REQUIRE(o);
  CHECK(o->path == "cv.headline");
  CHECK(o->value == " GPU = fast ");
  CHECK(parse_override("cv.headline=")->value.empty());
  CHECK_FALSE(parse_override("cv.headline"));
  CHECK_FALSE(parse_override("=value"));
}

TEST_CASE("overrides: values are YAML, but plain text stays text", "[overrides]") {
  std::string problem;
  const auto value = [&](const std::string& text) {
    std::optional<YAML::Node> node = parse_override_value(text, problem);
    REQUIRE(node);
    return *node;
  };
  CHECK(value("Lead: GPU kernels # not a comment").Scalar() == "Lead: GPU kernels # not a comment");
  CHECK(value(" 2021 ").Scalar() == "2021");
  CHECK(value("'[not a list]'").Scalar() == "[not a list]");
  CHECK(value("\"quoted: text\"").Scalar() == "quoted: text");
  const YAML::Node list = value("[gpu, kernels]");
  REQUIRE(list.IsSequence());
  CHECK(list.size() == 2);
  CHECK(value("{text: Fast, priority: 1}")["priority"].Scalar() == "1");
  CHECK(value("").IsNull());
  CHECK_FALSE(parse_override_value("[gpu, kernels", problem));
  CHECK_FALSE(problem.empty());
  // Parsed within the loader's bounds: deep brackets, a quote not closed.
  CHECK_FALSE(parse_override_value(std::string(200000, '['), problem));
  CHECK(problem.find("nests deeper") != std::string::npos);
  CHECK_FALSE(parse_override_value("\"GPU kernels", problem));
  CHECK(problem.find("quote is not closed") != std::string::npos);
}

TEST_CASE("overrides: a text entry written as text takes tags and priority", "[overrides]") {
  YAML::Node root = tree();
  CHECK(set(root, "cv.sections.summary.0.priority", "1") == "");
  const YAML::Node entry = root["cv"]["sections"]["summary"][0];
  REQUIRE(entry.IsMap());
  CHECK(entry["text"].Scalar() == "One paragraph.");
  CHECK(entry["priority"].Scalar() == "1");
  CHECK(set(root, "cv.sections.summary.0.name", "X") ==
        "unknown path `cv.sections.summary.0.name`: `cv.sections.summary.0` has no key `name` "
        "(it is an entry of kind `text`) | `cv.sections.summary.0` has: text, date, start_date, "
        "end_date, location, summary, highlights, url, doi, tags, priority");
  const LoadResult r = load({"", {"cv.sections.summary.0.tags=[intro]"}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Entry& loaded = r.cv.sections[1].entries[0];
  CHECK(loaded.kind == EntryKind::Text);
  CHECK(plain_text(loaded.text) == "One paragraph.");
  CHECK(loaded.tags == std::vector<std::string>{"intro"});
}

TEST_CASE("overrides: set existing fields, list items and new keys", "[overrides]") {
  YAML::Node root = tree();
  CHECK(set(root, "cv.headline", "Programmer") == "");
  CHECK(root["cv"]["headline"].Scalar() == "Programmer");
  CHECK(set(root, "cv.sections.experience.0.position", "Lead") == "");
  CHECK(root["cv"]["sections"]["experience"][0]["position"].Scalar() == "Lead");
  CHECK(set(root, "cv.tagline", "New line") == "");  // a key the file does not have yet
  CHECK(root["cv"]["tagline"].Scalar() == "New line");
  CHECK(set(root, "design.page.size", "letter") == "");  // and a map on the way
  CHECK(root["design"]["page"]["size"].Scalar() == "letter");
  CHECK(set(root, "settings.current_date", "2024-05-01") == "");  // from nothing at all
  CHECK(root["settings"]["current_date"].Scalar() == "2024-05-01");
  CHECK(set(root, "cv.sections.summary.0", "Another paragraph.") == "");
  CHECK(root["cv"]["sections"]["summary"][0].Scalar() == "Another paragraph.");
  CHECK(set(root, "cv.sections.talks", "[First talk]") == "");  // a new section, whole
  CHECK(root["cv"]["sections"]["talks"][0].Scalar() == "First talk");
  CHECK(set(root, "cv.sections.experience.0.tags", "[a, b]") == "");
  CHECK(root["cv"]["sections"]["experience"][0]["tags"].size() == 2);
}

TEST_CASE("overrides: a highlight written as text takes tags and priority", "[overrides]") {
  YAML::Node root = tree();
  CHECK(set(root, "cv.sections.experience.0.highlights.0.priority", "1") == "");
  const YAML::Node h = root["cv"]["sections"]["experience"][0]["highlights"][0];
  REQUIRE(h.IsMap());
  CHECK(h["text"].Scalar() == "Wrote the first program");
  CHECK(h["priority"].Scalar() == "1");
  CHECK(set(root, "cv.sections.experience.0.highlights.1.text", "Notes, revised") == "");
  const LoadResult r = load({"", {"cv.sections.experience.0.highlights.0.tags=[math]"}});
  REQUIRE_FALSE(r.diags.has_errors());
  const Highlight& loaded = r.cv.sections[0].entries[0].highlights[0];
  CHECK(plain_text(loaded.text) == "Wrote the first program");
  CHECK(loaded.tags == std::vector<std::string>{"math"});
}

TEST_CASE("overrides: the keys of a profile's overrides are dot paths themselves", "[overrides]") {
  YAML::Node root = tree();
  CHECK(set(root, "profiles.job.overrides.cv.name", "Countess") == "");
  CHECK(root["profiles"]["job"]["overrides"]["cv.name"].Scalar() == "Countess");
}

TEST_CASE("overrides: unknown paths are errors with the closest valid one", "[overrides]") {
  YAML::Node root = tree();
  CHECK(set(root, "cv.headlin", "x") ==
        "unknown path `cv.headlin`: `cv` has no key `headlin` | did you mean `cv.headline`?");
  CHECK(set(root, "cvv.headline", "x") ==
        "unknown path `cvv.headline`: the top level has no key `cvv` | did you mean "
        "`cv.headline`?");
  CHECK(set(root, "cv.sections.experiense.0.position", "x") ==
        "unknown path `cv.sections.experiense.0.position`: `cv.sections` has no `experiense` | "
        "did you mean `cv.sections.experience.0.position`?");
  CHECK(set(root, "cv.sections.experience.1.position", "x") ==
        "unknown path `cv.sections.experience.1.position`: `cv.sections.experience` has 1 item, "
        "so there is no item 1 | items are numbered from 0 to 0");
  CHECK(set(root, "cv.sections.experience.first.position", "x") ==
        "unknown path `cv.sections.experience.first.position`: `cv.sections.experience` is a "
        "list, and `first` is not a number | its items are numbered from 0 to 0");
  // An entry takes the keys of its kind.
  CHECK(set(root, "cv.sections.experience.0.degree", "x") ==
        "unknown path `cv.sections.experience.0.degree`: `cv.sections.experience.0` has no key "
        "`degree` (it is an entry of kind `experience`) | `cv.sections.experience.0` has: "
        "company, position, date, start_date, end_date, location, summary, highlights, url, doi, "
        "tags, priority");
  CHECK(set(root, "cv.name.first", "x") ==
        "unknown path `cv.name.first`: `cv.name` is a single value; it has no `first` | set "
        "`cv.name` itself");
  CHECK(set(root, "headline", "x") ==
        "unknown path `headline`: the top level has no key `headline` | did you mean "
        "`cv.headline`?");
  CHECK(set(root, "design.size", "x") ==
        "unknown path `design.size`: `design` has no key `size` | did you mean "
        "`design.page.size`?");
  CHECK(set(root, "cv..name", "x") ==
        "`cv..name` is not a dot path | write the keys from the top down, with list items "
        "numbered from 0: cv.sections.experience.0.position");
  CHECK(set(root, "design.colors", "x") ==
        "unknown path `design.colors`: `design` has no key `colors` | `design` has: theme, page, "
        "page_size");
  CHECK(set(root, "cv.social_networks.0.network", "x") ==
        "unknown path `cv.social_networks.0.network`: `cv.social_networks` has 0 items, so there "
        "is no item 0 | set the whole list, e.g. `cv.social_networks=[...]`");
}

TEST_CASE("load: a profile's overrides, then --set", "[overrides][loader]") {
  const LoadResult plain = load({});
  REQUIRE_FALSE(plain.diags.has_errors());
  CHECK(plain_text(plain.cv.headline) == "Analyst");

  const LoadResult job = load({"job", {}});
  REQUIRE_FALSE(job.diags.has_errors());
  CHECK(plain_text(job.cv.headline) == "Programmer");
  CHECK(plain_text(job.cv.sections[0].entries[0].position) == "Lead");

  const LoadResult both = load({"job", {"cv.headline=Countess", "design.page.size=letter"}});
  REQUIRE_FALSE(both.diags.has_errors());
  CHECK(plain_text(both.cv.headline) == "Countess");
  CHECK(plain_text(both.cv.sections[0].entries[0].position) == "Lead");
  CHECK(both.cv.page_size == "letter");
}

TEST_CASE("load: override problems are located errors", "[overrides][loader]") {
  SECTION("an unknown profile lists the known ones") {
    const LoadResult r = load({"jb", {}});
    REQUIRE(r.diags.error_count() == 1);
    const Diagnostic& d = r.diags.all()[0];
    CHECK(d.loc.file == "--profile");
    CHECK(d.message == "no profile `jb`");
    CHECK(d.hint == "did you mean `job`? the profiles are: job, typo");
  }
  SECTION("a file without profiles") {
    const LoadResult r = load({"job", {}}, "cv:\n  name: A\n");
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].hint == "the file has no `profiles:`");
  }
  SECTION("a profile's unknown path, at its key") {
    const LoadResult r = load({"typo", {}});
    REQUIRE(r.diags.error_count() == 1);
    const Diagnostic& d = r.diags.all()[0];
    CHECK(d.loc.line == 23);
    CHECK(d.loc.col == 7);
    CHECK(d.message == "profile `typo`: unknown path `cv.headlin`: `cv` has no key `headlin`");
  }
  SECTION("a --set value is named by its path") {
    const LoadResult r = load({"", {"cv.sections.experience.0.start_date=2021-13"}});
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].loc.file == "--set cv.sections.experience.0.start_date");
    CHECK(r.diags.all()[0].loc.line == 0);
    CHECK(r.diags.all()[0].message == "month 13 is not between 1 and 12");
  }
  SECTION("entries made by --set say so") {
    const LoadResult r = load({"", {"cv.sections.talks=[First, {name: Second, priority: 9}]"}});
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].loc.file == "--set cv.sections.talks");
    REQUIRE(r.cv.sections.size() == 3);
    CHECK(r.cv.sections[2].entries[0].loc.file == "--set cv.sections.talks");
  }
  SECTION("malformed --set") {
    const LoadResult r = load({"", {"cv.headline", "cv.headline=[a"}});
    REQUIRE(r.diags.error_count() == 2);
    CHECK(r.diags.all()[0].message == "`cv.headline` is not PATH=VALUE");
    CHECK(r.diags.all()[1].message.starts_with("the value of `cv.headline` is not valid YAML"));
  }
  SECTION("a --set that is not UTF-8 (a Latin-1 terminal)") {
    const LoadResult r = load({"", {"cv.headline=Caf\xE9 owner"}});
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].loc.file == "--set");
    CHECK(r.diags.all()[0].message ==
          "`cv.headline=Caf\uFFFD owner` is not UTF-8: byte 0xE9 at byte 16");
  }
}

TEST_CASE("load: an empty --set value removes the field", "[overrides][loader]") {
  const LoadResult r = load({"", {"cv.headline="}});
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.cv.headline.empty());
}

TEST_CASE("load: a profile override may be a list", "[overrides][loader]") {
  const LoadResult r = load({"p", {}}, R"(cv:
  sections:
    summary: [Old]
profiles:
  p:
    overrides:
      cv.sections.summary: [New, Newer]
)");
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.cv.sections[0].entries.size() == 2);
  CHECK(plain_text(r.cv.sections[0].entries[1].text) == "Newer");
  using Pair = std::pair<std::string, std::string>;
  CHECK(r.cv.profiles[0].overrides == std::vector<Pair>{{"cv.sections.summary", "[New, Newer]"}});
}

TEST_CASE("load: a page size cvpress does not have is a warning", "[overrides][loader]") {
  const LoadResult r = load({"", {"design.page.size=a5"}});
  REQUIRE(r.diags.warning_count() == 1);
  CHECK(r.diags.all()[0].message == "cvpress has no page size `a5`; the style's is used");
  CHECK(r.cv.page_size.empty());
  CHECK(load({"", {"design.page.size=US-Letter"}}).cv.page_size == "letter");
}

TEST_CASE("input schema: every key of the loader, described", "[schema]") {
  const InputSchema& schema = input_schema();
  std::vector<std::string> top;
  for (const FieldInfo& f : schema.top) top.push_back(f.key);
  CHECK(top == std::vector<std::string>{"cv", "design", "locale", "settings", "profiles"});
  REQUIRE(schema.entry_kinds.size() == 9);
  CHECK(schema.entry_kinds[0].name == "education");
  CHECK(schema.entry_kinds[7].name == "reversed_numbered");
  CHECK(schema.entry_kinds[8].name == "text");  // last: a key of the others wins

  std::vector<const FieldInfo*> all;
  collect(schema.top, all);
  collect(schema.entry_keys, all);
  for (const EntryKindInfo& kind : schema.entry_kinds) {
    CHECK_FALSE(kind.doc.empty());
    collect(kind.fields, all);
  }
  CHECK(all.size() >= 54);
  for (const FieldInfo* f : all) {
    INFO(f->key);
    CHECK_FALSE(f->doc.empty());
    CHECK(f->doc.back() == '.');
  }
  const FieldInfo* cv = find_field(schema.top, "cv");
  REQUIRE(cv != nullptr);
  CHECK(cv->required);
  CHECK(find_field(cv->fields, "sections")->kind == ValueKind::Sections);
  CHECK(find_field(schema.entry_keys, "priority")->kind == ValueKind::Priority);
  CHECK(find_field(schema.entry_keys, "highlights")->fields.size() == 3);
}

TEST_CASE("input schema: the kind of an entry", "[schema]") {
  const InputSchema& schema = input_schema();
  const auto kind = [&](std::vector<std::string> keys) {
    const int k = detect_entry_kind(schema, keys);
    return k < 0 ? std::string("none") : schema.entry_kinds[static_cast<std::size_t>(k)].name;
  };
  CHECK(kind({"company", "position", "date"}) == "experience");
  CHECK(kind({"company", "position", "institution"}) == "experience");
  CHECK(kind({"institution", "company"}) == "education");  // a tie: the earlier kind
  CHECK(kind({"label", "details"}) == "one_line");
  CHECK(kind({"text", "tags"}) == "text");
  CHECK(kind({"text", "name"}) == "normal");  // a tie: the earlier kind
  CHECK(kind({"date", "summary"}) == "none");
}

TEST_CASE("input schema: JSON Schema and reference come from it", "[schema]") {
  const std::string json = json_schema(input_schema());
  CHECK(json.find("\"reversed_number\"") != std::string::npos);
  CHECK(json.find("\"description\": \"The employer. Inline markup:") != std::string::npos);
  CHECK(json.find("\\\"Fall 2020\\\"") != std::string::npos);  // escaped quotes
  const std::string markdown = markdown_reference(input_schema());
  CHECK(markdown.find("### `cv.social_networks[]`") != std::string::npos);
  CHECK(markdown.find("### `profiles.NAME`") != std::string::npos);
  CHECK(markdown.find("#### one_line") != std::string::npos);
}

// JSON Resume input: the strict JSON parser, the mapping onto the cvpress
// schema, diagnostics located in the JSON, and the YAML writer of `import`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "files.h"
#include "load/json.h"
#include "load/json_resume.h"
#include "load/yaml_loader.h"
#include "load/yaml_writer.h"
#include "model/cv.h"

using namespace cvpress;

namespace {

std::string fixture(const std::string& name) {
  return std::string(CVPRESS_TEST_DIR) + "/fixtures/jsonresume/" + name;
}

LoadResult load(const std::string& json) { return load_json_resume_text(json, "r.json"); }

const Diagnostic* find(const Diagnostics& diags, std::string_view needle) {
  for (const Diagnostic& d : diags.all()) {
    if (d.message.find(needle) != std::string::npos) return &d;
  }
  return nullptr;
}

std::optional<JsonValue> parse(std::string_view text, Diagnostics& diags) {
  return parse_json(text, "t.json", diags);
}

// The first error of parsing `text`, which must fail.
Diagnostic parse_error(std::string_view text) {
  Diagnostics diags;
  const std::optional<JsonValue> v = parse(text, diags);
  CHECK_FALSE(v.has_value());
  REQUIRE(diags.error_count() == 1);
  return diags.all().front();
}

std::string text_of(const RichText& t) { return plain_text(t); }

// The whole Cv as text (without source locations), to compare two loads.
std::string describe(const Cv& cv) {
  std::string out = cv.name + "|" + text_of(cv.headline) + "|" + cv.location + "|" + cv.email +
                    "|" + cv.phone + "|" + cv.website + "\n";
  for (const SocialNetwork& s : cv.social_networks) {
    out += s.network + ":" + s.username + ":" + s.url + "\n";
  }
  for (const Section& s : cv.sections) {
    out += "# " + s.key + " / " + s.title + "\n";
    for (const Entry& e : s.entries) {
      out += std::to_string(static_cast<int>(e.kind));
      for (const RichText* t :
           {&e.institution, &e.area, &e.degree, &e.company, &e.position, &e.title, &e.journal,
            &e.name, &e.label, &e.details, &e.text, &e.location, &e.summary}) {
        out += "|" + text_of(*t);
        for (const Span& span : *t) out += span.link.empty() ? "" : "<" + span.link + ">";
      }
      out += "|" + e.doi + "|" + e.url + "|" + std::to_string(e.date.year) + "-" +
             std::to_string(e.date.month) + "|" + std::to_string(e.start_date.year) + "-" +
             std::to_string(e.start_date.month) + "|" + std::to_string(e.end_date.year) +
             (e.end_date.present ? "present" : "") + "\n";
      for (const Highlight& h : e.highlights) out += "  - " + text_of(h.text) + "\n";
      for (const std::string& tag : e.tags) out += "  #" + tag + "\n";
    }
  }
  return out;
}

std::vector<std::string> corpus() {
  std::vector<std::string> files;
  for (const auto& item :
       std::filesystem::directory_iterator(CVPRESS_TEST_DIR "/fixtures/jsonresume")) {
    if (item.path().extension() == ".json") files.push_back(item.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("json: values, keys and their locations", "[json]") {
  Diagnostics diags;
  const auto v = parse(
      "{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\\n\\\"\",\n  "
      "\"\xC3\xA9\": {}\n}",
      diags);
  REQUIRE(v);
  CHECK(diags.empty());
  CHECK(v->type == JsonType::Object);
  REQUIRE(v->members.size() == 3);
  const JsonValue& a = v->members[0].value;
  CHECK(v->members[0].line == 2);
  CHECK(v->members[0].col == 3);
  REQUIRE(a.items.size() == 5);
  CHECK(a.items[1].type == JsonType::Number);
  CHECK(a.items[1].text == "-2.5e3");
  CHECK(a.items[1].line == 2);
  CHECK(a.items[1].col == 12);
  CHECK(a.items[2].text == "true");
  CHECK(a.items[4].type == JsonType::Null);
  CHECK(v->find("b")->text == "x\xC3\xA9\xF0\x9F\x98\x80\n\"");
  CHECK(v->members[2].key == "\xC3\xA9");
  CHECK(v->members[2].value.col == 8);  // columns count characters: "é": is 4 of them
  CHECK(v->find("missing") == nullptr);
}

TEST_CASE("json: syntax errors are located and explained", "[json]") {
  struct Case {
    const char* text;
    const char* message;
    int line, col;
  };
  const std::vector<Case> cases{
      {"{\"a\": 1,}", "a comma before `}` is not allowed in JSON", 1, 9},
      {"[1, 2,]", "a comma before `]` is not allowed in JSON", 1, 7},
      {"{\"a\": 1 \"b\": 2}", "expected `,` or `}` after a member, found `\"`", 1, 9},
      {"{\n  // note\n  \"a\": 1}", "comments are not allowed in JSON", 2, 3},
      {"{'a': 1}", "expected a key in double quotes, found `'`", 1, 2},
      {"{\"a\": 'x'}", "JSON strings are written in double quotes, not single quotes", 1, 7},
      {"{\"a\": \"x}", "this string is not closed", 1, 7},
      {"{\"a\": \"x\ny\"}", "this string is not closed on its line", 1, 7},
      {"{\"a\": \"\\q\"}", "`\\q` is not a JSON escape", 1, 8},
      {"{\"a\": \"\\u12G4\"}", "`\\u` must be followed by four hex digits", 1, 8},
      {"{\"a\": \"\\ud83d\"}", "`\\uD83D` is the first half of a surrogate pair, alone", 1, 8},
      {"{\"a\": \"\\ude00\"}", "`\\uDE00` is the second half of a surrogate pair, alone", 1, 8},
      {"{\"a\": \"\tx\"}", "control character U+0009 inside a string", 1, 8},
      {"{\"a\": \"J\xFFrg\"}", "invalid UTF-8 byte 0xFF", 1, 9},
      {"{\"a\": 01}", "not a JSON number", 1, 7},
      {"{\"a\": tru}", "expected a JSON value", 1, 7},
      {"{\"a\": 1} x", "unexpected text after the JSON value", 1, 10},
      {"{\"a\": ", "the JSON ends where a value should be", 1, 7},
      {"{\"a\": [1, 2", "the JSON ends inside a list", 1, 12},
      {"{\"a\" 1}", "expected `:` after the key \"a\", found `1`", 1, 6},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const Diagnostic d = parse_error(c.text);
    CHECK(d.message == std::string("invalid JSON: ") + c.message);
    CHECK(d.loc.file == "t.json");
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.col == c.col);
    CHECK_FALSE(d.hint.empty());
  }
}

TEST_CASE("json: deep nesting and huge inputs are errors, not crashes", "[json]") {
  for (const char open : {'[', '{'}) {
    std::string deep(300000, open);
    if (open == '{') {
      deep.clear();
      for (int i = 0; i < 300000; ++i) deep += "{\"a\":";
    }
    const Diagnostic d = parse_error(deep);
    CHECK(d.message.find("nest deeper than 256 levels") != std::string::npos);
  }
  std::string nested;
  for (int i = 0; i < 200; ++i) nested += "[";
  for (int i = 0; i < 200; ++i) nested += "]";
  Diagnostics diags;
  CHECK(parse(nested, diags).has_value());

  std::string many = "[";
  for (std::size_t i = 0; i <= kMaxJsonValues; ++i) many += "0,";
  many += "0]";
  CHECK(parse_error(many).message.find("more than") != std::string::npos);
}

TEST_CASE("json: duplicate keys are errors, the first is kept", "[json]") {
  Diagnostics diags;
  const auto v = parse("{\"a\": 1,\n \"a\": 2}", diags);
  REQUIRE(v);
  REQUIRE(diags.error_count() == 1);
  const Diagnostic& d = diags.all().front();
  CHECK(d.message == "duplicate key \"a\"");
  CHECK(d.loc.line == 2);
  CHECK(d.loc.col == 2);
  CHECK(d.hint.find("line 1") != std::string::npos);
  CHECK(v->find("a")->text == "1");
}

TEST_CASE("json resume: the sample maps onto the model", "[json][jsonresume]") {
  const LoadResult r = load_cv_file(fixture("sample.resume.json"));
  INFO(r.diags.render(r.source));
  CHECK_FALSE(r.diags.has_errors());
  const Cv& cv = r.cv;
  CHECK(cv.source_file == fixture("sample.resume.json"));
  CHECK(cv.name == "Richard Hendriks");
  CHECK(text_of(cv.headline) == "Programmer");
  CHECK(cv.email == "richard.hendriks@mail.com");
  CHECK(cv.phone == "(912) 555-4321");
  CHECK(cv.website == "http://richardhendricks.example.com");
  CHECK(cv.location == "San Francisco, California, US");
  REQUIRE(cv.social_networks.size() == 2);
  CHECK(cv.social_networks[1].network == "SoundCloud");
  CHECK(cv.social_networks[1].username == "dandymusicnl");
  CHECK(cv.social_networks[1].url == "https://soundcloud.example.com/dandymusicnl");
  CHECK(cv.social_networks[1].loc.line == 24);  // in the JSON file

  std::vector<std::string> titles;
  for (const Section& s : cv.sections) titles.push_back(s.title);
  CHECK(titles == std::vector<std::string>{"Summary", "Experience", "Volunteering", "Education",
                                           "Awards", "Publications", "Skills", "Languages",
                                           "Interests", "References", "Projects"});
  CHECK(cv.sections[0].entries[0].kind == EntryKind::Text);
  CHECK(text_of(cv.sections[0].entries[0].text).starts_with("Richard hails from Tulsa."));

  const Entry& work = cv.sections[1].entries[0];
  CHECK(work.kind == EntryKind::Experience);
  CHECK(text_of(work.company) == "Pied Piper");
  REQUIRE(work.company.size() == 1);
  CHECK(work.company[0].link == "http://piedpiper.example.com");
  CHECK(text_of(work.position) == "CEO/President");
  CHECK(text_of(work.location) == "Palo Alto, CA");
  CHECK(work.start_date == Date{2013, 12, 1, false, ""});
  CHECK(work.end_date == Date{2014, 12, 1, false, ""});
  CHECK(work.highlights.size() == 3);
  CHECK(work.loc.line == 32);  // the work item's `{`
  CHECK(work.loc.col == 5);
  CHECK(work.highlights[1].loc.line == 43);

  const Entry& volunteer = cv.sections[2].entries[0];
  CHECK(volunteer.kind == EntryKind::Experience);
  CHECK(text_of(volunteer.company) == "CoderDojo");

  const Entry& school = cv.sections[3].entries[0];
  CHECK(school.kind == EntryKind::Education);
  CHECK(text_of(school.institution) == "University of Oklahoma");
  CHECK(text_of(school.degree) == "Bachelor");
  CHECK(text_of(school.area) == "Information Technology");
  REQUIRE(school.highlights.size() == 2);
  CHECK(text_of(school.highlights[0].text) == "Score: 4.0");
  CHECK(text_of(school.highlights[1].text) ==
        "Courses: DB1101 - Basic SQL, CS2011 - Java Introduction");
  CHECK(school.highlights[1].subitems.empty());  // JSON Resume has no sub-bullets

  const Entry& award = cv.sections[4].entries[0];
  CHECK(award.kind == EntryKind::Normal);
  CHECK(text_of(award.name) == "Digital Compression Pioneer Award, Techcrunch");
  CHECK(award.date == Date{2014, 11, 1, false, ""});

  const Entry& paper = cv.sections[5].entries[0];
  CHECK(paper.kind == EntryKind::Publication);
  CHECK(text_of(paper.title) == "Video compression for 3d media");
  CHECK(text_of(paper.journal) == "Hooli");
  CHECK(paper.url == "http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)");

  const Entry& skill = cv.sections[6].entries[0];
  CHECK(skill.kind == EntryKind::OneLine);
  CHECK(text_of(skill.label) == "Web Development");
  CHECK(text_of(skill.details) == "HTML, CSS, Javascript (Master)");
  CHECK(text_of(cv.sections[7].entries[0].details) == "Native speaker");
  CHECK(text_of(cv.sections[8].entries[0].details) == "Ferrets, Unicorns");
  const Entry& reference = cv.sections[9].entries[0];
  CHECK(text_of(reference.name) == "Erlich Bachman");
  CHECK(text_of(reference.summary).starts_with("It is my pleasure"));

  const Entry& project = cv.sections[10].entries[0];
  CHECK(project.kind == EntryKind::Normal);
  CHECK(project.url == "http://missdirection.example.com");
  CHECK(text_of(project.summary) == "A mapping engine that misguides you");
  CHECK(project.tags == std::vector<std::string>{"GoogleMaps", "Chrome Extension", "Javascript"});

  // Fields without a counterpart are warnings at their key in the JSON.
  const Diagnostic* description = find(r.diags, "`description` of a work entry is left out");
  REQUIRE(description != nullptr);
  CHECK(description->severity == Severity::Warning);
  CHECK(description->loc.line == 35);
  CHECK(description->loc.col == 7);
  CHECK(find(r.diags, "`roles` of a project") != nullptr);
  CHECK(find(r.diags, "`address` of `basics.location`") != nullptr);
}

TEST_CASE("json resume: every corpus file loads without errors", "[json][jsonresume][corpus]") {
  const std::vector<std::string> files = corpus();
  CHECK(files.size() == 3);
  for (const std::string& file : files) {
    INFO(file);
    const LoadResult r = load_cv_file(file);
    INFO(r.diags.render(r.source));
    CHECK_FALSE(r.diags.has_errors());
    CHECK_FALSE(r.cv.name.empty());
    CHECK(r.cv.sections.size() >= 8);
    for (const Diagnostic& d : r.diags.all()) {
      CHECK(d.loc.file == file);
      CHECK(d.loc.line > 0);
      CHECK_FALSE(d.hint.empty());
    }
  }
  // In the file's order: new-grad lists education before work.
  const LoadResult grad = load_cv_file(fixture("new-grad.resume.json"));
  REQUIRE(grad.cv.sections.size() > 2);
  CHECK(grad.cv.sections[1].title == "Education");
  CHECK(grad.cv.sections[2].title == "Experience");
}

TEST_CASE("json resume: the imported YAML loads as the same CV", "[json][jsonresume][import]") {
  for (const std::string& file : corpus()) {
    INFO(file);
    const std::string json = test::read_file(file);
    const JsonResumeYaml converted = json_resume_to_yaml(json, file);
    REQUIRE_FALSE(converted.yaml.text.empty());
    const LoadResult from_yaml = load_cv_text(converted.yaml.text, "cv.yaml");
    INFO(converted.yaml.text);
    INFO(from_yaml.diags.render(from_yaml.source));
    CHECK(from_yaml.diags.empty());
    const LoadResult from_json = load_json_resume_text(json, file);
    CHECK(describe(from_yaml.cv) == describe(from_json.cv));
    // Every field without a counterpart is a comment in the YAML.
    CHECK(converted.yaml.text.find("# JSON Resume \"address\", not shown:") != std::string::npos);
  }
}

TEST_CASE("json resume: the YAML is written as a person would", "[json][jsonresume][import]") {
  const JsonResumeYaml converted =
      json_resume_to_yaml(test::read_file(fixture("sample.resume.json")), "sample.resume.json");
  const std::string& yaml = converted.yaml.text;
  CHECK(yaml.starts_with("# cvpress CV imported from sample.resume.json (JSON Resume).\n"));
  CHECK(yaml.find("cv:\n  name: Richard Hendriks\n  headline: Programmer\n") != std::string::npos);
  CHECK(yaml.find("    experience:\n      - company: '[Pied Piper](http://piedpiper.example.com)'\n"
                  "        position: CEO/President\n") != std::string::npos);
  CHECK(yaml.find("        start_date: 2013-12-01\n        end_date: 2014-12-01\n") !=
        std::string::npos);
  CHECK(yaml.find(
            "        # JSON Resume \"description\", not shown: Awesome compression company\n") !=
        std::string::npos);
  CHECK(yaml.find("        tags: [GoogleMaps, Chrome Extension, Javascript]\n") !=
        std::string::npos);
  CHECK(yaml.find("          - 'Score: 4.0'\n") != std::string::npos);
  CHECK(yaml.find("\t") == std::string::npos);
}

TEST_CASE("json resume: problems are reported at their place in the JSON", "[json][jsonresume]") {
  const LoadResult r = load(R"json({
  "basics": {"name": "A", "label": 7, "profiles": [{"network": "GitHub"}]},
  "work": [
    {"name": "Acme", "postion": "Engineer", "startDate": "2021-13"},
    {"name": "B", "startDate": "2021-05", "endDate": "2020-01", "highlights": "one"},
    {"summary": "nothing else"},
    "just text"
  ],
  "education": {"institution": "MIT"},
  "projects": [{"name": "P", "url": "javascript:alert(1)"}],
  "hobbies": []
})json");
  const std::string shown = r.diags.render(r.source);
  INFO(shown);
  const Diagnostic* month = find(r.diags, "month 13 is not between 1 and 12");
  REQUIRE(month != nullptr);
  CHECK(month->severity == Severity::Error);
  CHECK(month->loc.file == "r.json");
  CHECK(month->loc.line == 4);
  CHECK(month->loc.col == 58);  // at the value's opening quote
  CHECK(shown.find(
            "r.json:4:58: error: month 13 is not between 1 and 12\n"
            "    {\"name\": \"Acme\", \"postion\": \"Engineer\", \"startDate\": \"2021-13\"},\n"
            "                                                         ^\n"
            "  hint: ") != std::string::npos);
  const Diagnostic* typo = find(r.diags, "unknown key `postion` in a work entry");
  REQUIRE(typo != nullptr);
  CHECK(typo->hint == "did you mean `position`?");
  CHECK(typo->loc.line == 4);
  CHECK(typo->loc.col == 22);
  const Diagnostic* order = find(r.diags, "end date `2020-01` is before start date `2021-05`");
  REQUIRE(order != nullptr);
  CHECK(order->loc.line == 5);
  CHECK(find(r.diags, "expected a list of texts for `highlights` in a work entry, found text") !=
        nullptr);
  CHECK(find(r.diags, "a work entry without `name` or `position` is left out") != nullptr);
  CHECK(find(r.diags, "expected an object for an item of `work`, found text") != nullptr);
  CHECK(find(r.diags, "expected a list for `education`, found an object") != nullptr);
  CHECK(find(r.diags, "a profile without a `username` or `url` is left out") != nullptr);
  const Diagnostic* url = find(r.diags, "`url` in a project is not a web address");
  REQUIRE(url != nullptr);
  CHECK(url->loc.line == 10);
  CHECK(find(r.diags, "`hobbies` in the JSON Resume object is not a JSON Resume key") != nullptr);
  CHECK(text_of(r.cv.headline) == "7");  // numbers are read as text, as in YAML
  for (const Diagnostic& d : r.diags.all()) {
    INFO(d.message);
    CHECK(d.loc.line > 0);
    CHECK_FALSE(d.hint.empty());
  }
  // No link to a javascript: URL anywhere.
  for (const Section& s : r.cv.sections) {
    for (const Entry& e : s.entries) CHECK(e.url.find("javascript") == std::string::npos);
  }
}

TEST_CASE("json resume: missing end dates mean ongoing; empty values are absent",
          "[json][jsonresume]") {
  const LoadResult r = load(R"json({"basics": {"name": "A", "email": "", "image": null},
    "work": [{"name": "Acme", "position": "Dev", "startDate": "2020-01", "endDate": ""}],
    "skills": [{"name": "C++"}, {"keywords": ["x", "y"]}],
    "languages": [{"language": "Igbo"}]})json");
  INFO(r.diags.render(r.source));
  CHECK(r.diags.empty());
  CHECK(r.cv.email.empty());
  const Entry& e = r.cv.sections[0].entries[0];
  CHECK(e.end_date.present);
  CHECK(r.cv.sections[1].entries[0].kind == EntryKind::Bullet);
  CHECK(r.cv.sections[1].entries[1].kind == EntryKind::Text);
  CHECK(text_of(r.cv.sections[1].entries[1].text) == "x, y");
  CHECK(r.cv.sections[2].entries[0].kind == EntryKind::Bullet);
}

TEST_CASE("json resume: not an object, empty, BOM and CRLF", "[json][jsonresume]") {
  CHECK(find(load("[]").diags, "expected a JSON Resume object, found a list") != nullptr);
  CHECK(find(load("").diags, "the file holds no JSON Resume") != nullptr);
  CHECK(find(load(" \n ").diags, "the file holds no JSON Resume") != nullptr);
  const std::string json =
      "{\n\t\"basics\": {\n\t\t\"name\": \"A\"\n\t},\n\t\"work\": [{\"name\": \"X\"}]\n}\n";
  std::string crlf;
  for (const char c : json) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const LoadResult plain = load(json);
  const LoadResult dos = load("\xEF\xBB\xBF" + crlf);
  CHECK(plain.diags.empty());
  CHECK(dos.diags.empty());
  CHECK(describe(plain.cv) == describe(dos.cv));
  CHECK(dos.cv.sections[0].entries[0].loc.line == 5);
  CHECK(is_json_file_name("a/b.JSON"));
  CHECK_FALSE(is_json_file_name("cv.yaml"));
  CHECK_FALSE(is_json_file_name("json"));
}

TEST_CASE("json resume: --set and unusual text survive the round trip", "[json][jsonresume]") {
  const std::string json = R"json({"basics": {"name": "A", "label": "x"},
    "work": [{"name": "null", "position": "- [odd]: # text ", "summary": "line\nbreak\ttab",
              "highlights": ["'quoted'", "\"double\"", "*starts* with a star", "~", "a: b",
              ")(", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]}]})json";
  const LoadResult r = load_json_resume_text(json, "r.json", {"", {"cv.headline=Changed"}});
  INFO(r.diags.render(r.source));
  CHECK_FALSE(r.diags.has_errors());
  CHECK(text_of(r.cv.headline) == "Changed");
  const Entry& e = r.cv.sections.at(0).entries.at(0);
  CHECK(text_of(e.company) == "null");
  CHECK(text_of(e.position) == "- [odd]: # text");
  REQUIRE(e.highlights.size() == 7);
  CHECK(text_of(e.highlights[0].text) == "'quoted'");
  CHECK(text_of(e.highlights[3].text) == "~");
  const std::string brackets = text_of(e.highlights[6].text);
  CHECK(brackets.size() > 80);
  CHECK(brackets.find_first_not_of('[') == std::string::npos);
}

TEST_CASE("yaml writer: every scalar reads back as written", "[yaml_writer]") {
  std::vector<std::string> texts{"",       "plain",    " lead",        "trail ",
                                 "null",   "~",        "- dash",       "a: b",
                                 "a #b",   "#x",       "key:",         "'",
                                 "\"",     "\\",       "a\nb",         "a\tb",
                                 "\x01",   "\xC2\x85", "\xE2\x80\xA8", "\xEF\xBB\xBF",
                                 "*bold*", "&a",       "!tag",         "%x",
                                 "@x",     "`x`",      "{a: b}",       "[a, b]",
                                 "|",      ">",        "? x",          "true",
                                 "0x10",   "1e3",      "2021-03",      "é ü 😀",
                                 "a,b",    "---",      "...",          "\r\n"};
  texts.push_back(std::string(300, '['));
  texts.push_back(std::string(300, '{') + "'\"");
  std::mt19937 random(11);
  const std::string alphabet = "ab :#-'\"\\[]{},*&!|>%@`?\n\t\x01\xC3\xA9";
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (std::size_t n = random() % 12; n > 0; --n) {
      const char c = alphabet[random() % alphabet.size()];
      if (c == '\xC3') {
        s += "\xC3\xA9";
      } else if (c != '\xA9') {
        s += c;
      }
    }
    texts.push_back(s);
  }
  for (const std::string& text : texts) {
    INFO(text);
    const std::string written = yaml_scalar(text);
    INFO(written);
    std::string read;
    REQUIRE_NOTHROW(read = YAML::Load("k: " + written)["k"].as<std::string>());
    if (text != "\r\n") CHECK(read == text);
    CHECK(written.find('\n') == std::string::npos);
  }
  CHECK(yaml_scalar("plain words") == "plain words");
  CHECK(yaml_scalar("**bold**") == "'**bold**'");
  CHECK(yaml_scalar("it's: x") == "'it''s: x'");
  CHECK(yaml_scalar("a\nb") == "\"a\\nb\"");
}

TEST_CASE("yaml writer: layout, comments and origins", "[yaml_writer]") {
  YamlNode root = YamlNode::map();
  YamlNode& cv = root.add("cv", YamlNode::map({"f.json", 1, 1}), {"f.json", 1, 2});
  cv.add("name", YamlNode::text("A", {"f.json", 2, 10}), {"f.json", 2, 3});
  YamlNode list = YamlNode::list();
  YamlNode entry = YamlNode::map({"f.json", 3, 5});
  entry.add("company", YamlNode::text("X", {"f.json", 3, 17}), {"f.json", 3, 6});
  entry.trailing_comments.push_back("dropped: y");
  list.items.push_back(entry);
  list.items.push_back(YamlNode::text("plain", {"f.json", 4, 5}));
  YamlNode tags = YamlNode::list();
  tags.flow = true;
  tags.items = {YamlNode::text("a"), YamlNode::text("b c")};
  list.items.push_back(YamlNode::map());
  list.items.back().add("name", YamlNode::text("Z"));
  list.items.back().add("tags", tags);
  cv.add("items", list);
  cv.members.back().comments.push_back("about items\nsecond line");
  const WrittenYaml out = write_yaml(root, {"head"});
  CHECK(out.text ==
        "# head\n"
        "cv:\n"
        "  name: A\n"
        "  # about items\n"
        "  # second line\n"
        "  items:\n"
        "    - company: X\n"
        "      # dropped: y\n"
        "    - plain\n"
        "    - name: Z\n"
        "      tags: [a, b c]\n");
  CHECK(out.origin_of(3, 3).line == 1);   // the cv map starts at `name`
  CHECK(out.origin_of(3, 9).col == 10);   // the value
  CHECK(out.origin_of(7, 7).col == 5);    // the entry's map, not its first key
  CHECK(out.origin_of(7, 16).col == 17);  // its value
  CHECK(out.origin_of(9, 7).line == 4);
  CHECK_FALSE(out.origin_of(1, 1).known());
  CHECK_FALSE(out.origin_of(99, 1).known());
}

// `cvpress schema` checked with a real JSON Schema validator (python3's
// jsonschema), and `cvpress validate`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "load/yaml_loader.h"
#include "support.h"

using namespace cvpress;
using namespace cvpress::test;

namespace {

bool shows(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The schema must be checked by a real validator: without one the tests fail
// (`make test` installs it) rather than pass without checking anything.
void require_jsonschema() {
  static const bool have = run("python3 -c 'import jsonschema, yaml'").status == 0;
  INFO(
      "python3 with jsonschema and yaml is missing: run `scripts/install-deps.sh test` "
      "(make test does), or apt-get install python3-jsonschema python3-yaml");
  REQUIRE(have);
}

// Validates YAML files against a schema: prints "valid FILE" or "invalid FILE:
// reason" for each file, then, with --cases, checks the cases below on cv.yaml.
constexpr const char* kValidator = R"PY(
import copy, json, sys
import jsonschema, yaml

schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

def load(path):
    # YAML dates become text, as cvpress reads them.
    return json.loads(json.dumps(yaml.safe_load(open(path, encoding="utf-8")), default=str))

def problem(doc):
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    return None if error is None else "%s: %s" % (list(error.absolute_path), error.message[:150])

if sys.argv[2] == "--cases":
    base = load(sys.argv[3])
    def setting(path, value):
        def change(doc):
            *parents, last = path
            for key in parents: doc = doc[key]
            doc[last] = value
        return change
    def remove(path):
        def change(doc):
            *parents, last = path
            for key in parents: doc = doc[key]
            del doc[last]
        return change
    E = lambda *path: ["cv", "sections", "experience", 0, *path]
    S = lambda *path: ["cv", "sections", *path]
    rejected = {
        "a map as the name": setting(["cv", "name"], {"first": "Long"}),
        "a list as the headline": setting(["cv", "headline"], ["a", "b"]),
        "sections as a list": setting(["cv", "sections"], ["experience"]),
        "a section as text": setting(["cv", "sections", "experience"], "NVIDIA"),
        "an empty section": setting(["cv", "sections", "experience"], None),
        "priority 9": setting(E("priority"), 9),
        "priority 0": setting(E("priority"), 0),
        "priority high": setting(E("priority"), "high"),
        "tags as text": setting(E("tags"), "gpu"),
        "tags as a map": setting(E("tags"), {"gpu": 1}),
        "highlights as text": setting(E("highlights"), "fast"),
        "a highlight without text": setting(E("highlights", 0), {"tags": ["gpu"]}),
        "a highlight priority 6": setting(E("highlights", 0, "priority"), 6),
        "a text entry map without text": setting(S("summary", 0), {"tags": ["gpu"]}),
        "a text entry map with priority 6": setting(S("summary", 0, "priority"), 6),
        "a text entry map with a misspelt key": setting(S("summary", 0, "tgas"), ["gpu"]),
        "a text entry with a list as text": setting(S("summary", 0, "text"), ["a", "b"]),
        "a start date as a list": setting(E("start_date"), [2020]),
        "an experience without position": remove(E("position")),
        "a misspelt key with a value": setting(E("positon"), "Architect"),
        "social networks as a map": setting(["cv", "social_networks"], {"network": "GitHub"}),
        "a social network without username":
            setting(["cv", "social_networks"], [{"network": "GitHub"}]),
        "profiles as a list": setting(["profiles"], ["inference"]),
        "profile tags as text": setting(["profiles", "inference", "tags"], "gpu"),
        "profile overrides as a list": setting(["profiles", "inference", "overrides"], ["a=b"]),
        "an override without value": setting(["profiles", "inference", "overrides", "cv.name"], None),
        "an unknown profile key": setting(["profiles", "inference", "tag"], ["gpu"]),
        "page size a3": setting(["design", "page"], {"size": "a3"}),
        "current date as a list": setting(["settings"], {"current_date": [2024]}),
        "no cv": remove(["cv"]),
    }
    accepted = {
        "cv.yaml as it is": lambda doc: None,
        "a year as a number": setting(E("start_date"), 2021),
        "an end date of present": setting(E("end_date"), "present"),
        "a date in words": setting(E("date"), "Fall 2020"),
        "priority as text": setting(E("priority"), "2"),
        "a highlight as text": setting(E("highlights", 0), "Fast"),
        "empty optional keys": setting(["cv", "headline"], None),
        "an empty unknown key": setting(["cv", "photo"], None),
        "a number as text": setting(E("location"), 2021),
        "letter paper": setting(["design", "page"], {"size": "letter"}),
        "an empty page size": setting(["design", "page"], {"size": None}),
        "today": setting(["settings"], {"current_date": "today"}),
        "an override with a list": setting(["profiles", "inference", "overrides", "cv.x"], [1, 2]),
        "an empty profile": setting(["profiles", "inference"], None),
        "a text entry": setting(["cv", "sections", "experience"], ["Plain paragraph."]),
        "a text entry as a map": setting(S("summary", 0), {"text": "A paragraph.", "tags": ["x"],
                                                          "priority": 1}),
        "a text entry map with only text": setting(S("summary", 0), {"text": "A paragraph."}),
    }
    for name, change in rejected.items():
        doc = copy.deepcopy(base); change(doc)
        print("PASS" if problem(doc) else "FAIL accepted", name)
    for name, change in accepted.items():
        doc = copy.deepcopy(base); change(doc)
        reason = problem(doc)
        print("FAIL rejected" if reason else "PASS", name, reason or "")
    sys.exit(0)

for path in sys.argv[2:]:
    reason = problem(load(path))
    print(("invalid %s: %s" % (path, reason)) if reason else "valid " + path)
)PY";

struct Validator {
  std::string dir;
  std::string script, schema;
};

// The schema of `cvpress schema` and the script, in a scratch folder.
const Validator& validator() {
  static const Validator v = [] {
    Validator out;
    out.dir = scratch_dir("schema");
    out.script = out.dir + "/validate.py";
    out.schema = out.dir + "/schema.json";
    write_file(out.script, kValidator);
    const Run r = run_cvpress("schema > " + quote(out.schema));
    REQUIRE(r.status == 0);
    return out;
  }();
  return v;
}

Run validate_with_python(const std::string& args) {
  return run("cd " + quote(source_dir()) + " && python3 " + quote(validator().script) + " " +
             quote(validator().schema) + " " + args);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> rendercv_examples() {
  std::vector<std::string> files;
  for (const std::string& name : list_dir(source_dir() + "/tests/fixtures/rendercv")) {
    if (name.ends_with(".yaml")) files.push_back("tests/fixtures/rendercv/" + name);
  }
  return files;
}

void collect_keys(const std::vector<FieldInfo>& fields, std::vector<std::string>& keys) {
  for (const FieldInfo& f : fields) {
    keys.push_back(f.key);
    collect_keys(f.fields, keys);
  }
}

}  // namespace

TEST_CASE("schema: prints a draft-07 JSON Schema of the whole input", "[e2e][schema]") {
  const Run r = run_cvpress("schema");
  REQUIRE(r.status == 0);
  CHECK(r.out.starts_with("{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\""));
  for (const char* part :
       {"\"cv\"", "\"design\"", "\"locale\"", "\"settings\"", "\"profiles\"", "\"social_networks\"",
        "\"education_entry\"", "\"one_line_entry\"", "\"reversed_numbered_entry\"", "\"highlight\"",
        "\"priority\"", "\"exclude_tags\"", "\"overrides\""}) {
    INFO(part);
    CHECK(shows(r.out, part));
  }
}

TEST_CASE("schema: jsonschema accepts cv.yaml and the fixtures", "[e2e][schema]") {
  require_jsonschema();
  const Run r = validate_with_python(
      "cv.yaml tests/fixtures/tailor/tailor.yaml tests/fixtures/features.yaml");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  CHECK(lines.size() == 3);
  for (const std::string& line : lines) CHECK(line.starts_with("valid "));
}

TEST_CASE("schema: jsonschema rejects wrong types and accepts what cvpress reads",
          "[e2e][schema]") {
  require_jsonschema();
  const Run r = validate_with_python("--cases cv.yaml");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::vector<std::string> lines = lines_of(r.out);
  CHECK(lines.size() == 47);
  for (const std::string& line : lines) {
    INFO(line);
    CHECK(line.starts_with("PASS"));
  }
}

TEST_CASE("schema: a RenderCV file passes when cvpress reads it without a word",
          "[e2e][schema][corpus]") {
  require_jsonschema();
  std::string files;
  for (const std::string& file : rendercv_examples()) files += " " + quote(file);
  const Run r = validate_with_python(files);
  INFO(r.out);
  REQUIRE(r.status == 0);
  for (const std::string& line : lines_of(r.out)) {
    const bool valid = line.starts_with("valid ");
    const std::string file = line.substr(valid ? 6 : 8, line.find(':') - (valid ? 6 : 8));
    const LoadResult loaded = load_cv_file(source_dir() + "/" + file);
    INFO(line << "\n" << loaded.diags.render(loaded.source));
    CHECK(valid == loaded.diags.empty());
  }
}

TEST_CASE("schema: cvpress.schema.json, which cv.yaml names, is up to date", "[e2e][schema]") {
  const Run r = run_cvpress("schema");
  REQUIRE(r.status == 0);
  INFO("regenerate it: build/cvpress schema > cvpress.schema.json");
  CHECK(read_file(source_dir() + "/cvpress.schema.json") == r.out);
  CHECK(read_file(source_dir() + "/cv.yaml")
            .starts_with("# yaml-language-server: $schema=cvpress.schema.json\n"));
}

TEST_CASE("schema --markdown documents every key", "[e2e][schema]") {
  const Run r = run_cvpress("schema --markdown");
  REQUIRE(r.status == 0);
  const InputSchema& schema = input_schema();
  std::vector<std::string> keys;
  collect_keys(schema.top, keys);
  collect_keys(schema.entry_keys, keys);
  for (const EntryKindInfo& kind : schema.entry_kinds) collect_keys(kind.fields, keys);
  for (const std::string& key : keys) {
    INFO(key);
    CHECK(shows(r.out, "| `" + key + "`"));
  }
}

TEST_CASE("validate: a valid file", "[e2e][validate]") {
  const Run r = run_cvpress("validate cv.yaml");
  CHECK(r.status == 0);
  CHECK(r.out == "cv.yaml: valid\n");
}

TEST_CASE("validate: warnings alone still pass, and are shown", "[e2e][validate]") {
  const std::string dir = scratch_dir("validate-warn");
  write_file(dir + "/cv.yaml", "cv:\n  name: A\n  nmae: B\n");
  const Run r = run_cvpress("validate cv.yaml", dir);
  CHECK(r.status == 0);
  CHECK(shows(r.out, "cv.yaml:3:3: warning: unknown key `nmae` in `cv`"));
  CHECK(shows(r.out, "cv.yaml: valid (1 warning)"));
}

TEST_CASE("validate: lists every problem, with its place", "[e2e][validate]") {
  const std::string dir = scratch_dir("validate-errors");
  write_file(dir + "/cv.yaml", R"(cv:
  name: A
  sections:
    experience:
      - company: X
        position: Y
        start_date: 2021-13
        priority: 7
      - company: Z
profiles:
  job:
    overrides:
      cv.headlin: Lead
      cv.sections.experience.0.end_date: 2020-00
)");
  const Run r = run_cvpress("validate cv.yaml", dir);
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(shows(r.out, "cv.yaml:7:21: error: month 13 is not between 1 and 12"));
  CHECK(shows(r.out, "cv.yaml:8:19: error: priority must be a whole number from 1 to 5"));
  CHECK(shows(r.out, "cv.yaml:9:9: error: missing `position` in an experience entry"));
  // The profile's overrides are checked too: the path, and the value.
  CHECK(shows(r.out, "cv.yaml:13:7: error: profile `job`: unknown path `cv.headlin`"));
  CHECK(shows(r.out, "did you mean `cv.headline`?"));
  CHECK(shows(r.out, "cv.yaml:14:42: error: profile `job`: month 0 is not between 1 and 12"));
  CHECK(shows(r.out, "cv.yaml: not valid: 5 errors, 0 warnings"));
}

TEST_CASE("validate: a file that cannot be read", "[e2e][validate]") {
  const Run r = run_cvpress("validate does-not-exist.yaml");
  CHECK(r.status == 1);
  CHECK(shows(r.out, "cannot read `does-not-exist.yaml`"));
}

TEST_CASE("validate: what build rejects, with its place", "[e2e][validate]") {
  const std::string dir = scratch_dir("validate-build");
  write_file(dir + "/cv.yaml", R"(cv:
  name: A
  sections:
    experience:
      - company: X
        position: Y
        tags: [gpu]
        highlights:
          - 'Fast $$\alpha \input{x}$$'
          - text: >-
              Folded $$\beta
              \write18$$
design:
  theme: nosuchtheme
profiles:
  job:
    style: modrn
    sections: [experiense]
    tags: [gpus]
)");
  const Run r = run_cvpress("validate cv.yaml", dir);
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(shows(r.out, "cv.yaml:9:28: error: math uses `\\input`, which cvpress does not allow"));
  CHECK(shows(r.out, "cv.yaml:12:15: error: math uses `\\write`, which cvpress does not allow"));
  CHECK(shows(r.out, "cv.yaml:14:10: error: there is no style `nosuchtheme`"));
  CHECK(shows(r.out, "cv.yaml:17:12: error: there is no style `modrn`"));
  CHECK(shows(r.out, "hint: did you mean `modern`?"));
  CHECK(shows(r.out,
              "cv.yaml:18:16: error: profile `job` names section `experiense`, which "
              "`cv.sections` does not have"));
  CHECK(shows(r.out,
              "cv.yaml:19:12: warning: profile `job`: no entry or highlight carries the tag "
              "`gpus` of its `tags`"));
  CHECK(shows(r.out, "cv.yaml: not valid: 5 errors, 1 warning"));

  // build says the same, at the same places.
  const Run b = run_cvpress("build cv.yaml -o out", dir);
  CHECK(b.status == 1);
  CHECK(shows(b.out, "cv.yaml:9:28: error: math uses `\\input`"));
  const Run profile_style = run_cvpress("build cv.yaml -o out --profile job", dir);
  CHECK(profile_style.status == 1);
  CHECK(shows(profile_style.out, "cv.yaml:18:16: error: profile `job` names section"));
}

TEST_CASE("build: an unknown style is an error at the name that chose it", "[e2e][validate]") {
  const std::string dir = scratch_dir("build-style-place");
  write_file(dir + "/cv.yaml", R"(cv:
  name: A
  sections:
    s: [Text.]
design:
  theme: nonsense
profiles:
  job:
    style: clasic
)");
  const Run theme = run_cvpress("build cv.yaml -o out", dir);
  INFO(theme.out);
  CHECK(theme.status == 1);
  CHECK(shows(theme.out, "cv.yaml:6:10: error: there is no style `nonsense`"));
  const Run profile = run_cvpress("build cv.yaml -o out --profile job", dir);
  INFO(profile.out);
  CHECK(profile.status == 1);
  CHECK(shows(profile.out, "cv.yaml:9:12: error: there is no style `clasic`"));
  CHECK(shows(profile.out, "hint: did you mean `classic`?"));
  const Run flag = run_cvpress("build cv.yaml -o out --style nonesuch", dir);
  CHECK(flag.status == 1);
  CHECK(shows(flag.out, "--style: error: there is no style `nonesuch`"));
  // --style wins over both, so a good one builds.
  CHECK(run_cvpress("build cv.yaml -o out --profile job --style compact", dir).status == 0);
}

// Tailoring (Cv -> Document) and profiles, in process.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/yaml_loader.h"
#include "tailor/profile.h"
#include "tailor/tailor.h"

using namespace cvpress;

namespace {

Cv load(const std::string& yaml) {
  const LoadResult r = load_cv_text(yaml, "test.yaml");
  INFO(r.diags.render(r.source));
  REQUIRE_FALSE(r.diags.has_errors());
  return r.cv;
}

// "Section: title" for each block, and "  item" for each of its items.
std::vector<std::string> shown(const Document& doc) {
  std::vector<std::string> out;
  for (const DocSection& section : doc.sections) {
    for (const Block& block : section.blocks) {
      const RichText& head = block.title.empty() ? block.paragraphs.front() : block.title;
      out.push_back(section.title + ": " + block.marker + plain_text(head));
      for (const Item& item : block.items) out.push_back("  " + plain_text(item.text));
    }
  }
  return out;
}

using Lines = std::vector<std::string>;

const char* const kCv = R"(cv:
  name: Ada Lovelace
  sections:
    experience:
      - company: Alpha
        position: GPU
        tags: [gpu]
        highlights:
          - untagged bullet
          - text: kernel bullet
            tags: [gpu, kernels]
          - text: compiler bullet
            tags: [compiler]
      - company: Beta
        position: Compilers
        tags: [compiler]
      - company: Gamma
        position: Anything
    awards:
      - name: Compiler prize
        tags: [compiler]
)";

}  // namespace

TEST_CASE("tailor: no filters show everything", "[tailor]") {
  CHECK(shown(tailor(load(kCv), {})) ==
        Lines{"Experience: Alpha", "  untagged bullet", "  kernel bullet", "  compiler bullet",
              "Experience: Beta", "Experience: Gamma", "Awards: Compiler prize"});
}

TEST_CASE("tailor: tags keep untagged items and those carrying a listed tag", "[tailor]") {
  Tailoring how;
  how.tags = {"gpu"};
  // Awards is left empty and disappears.
  CHECK(shown(tailor(load(kCv), how)) ==
        Lines{"Experience: Alpha", "  untagged bullet", "  kernel bullet", "Experience: Gamma"});
  how.tags = {"GPU", "Compiler"};  // tags ignore case
  CHECK(shown(tailor(load(kCv), how)).size() == 7);
}

TEST_CASE("tailor: exclude_tags drop items carrying any, before tags keep them", "[tailor]") {
  Tailoring how;
  how.exclude_tags = {"kernels", "compiler"};
  CHECK(shown(tailor(load(kCv), how)) ==
        Lines{"Experience: Alpha", "  untagged bullet", "Experience: Gamma"});
  how.tags = {"gpu", "kernels"};
  CHECK(shown(tailor(load(kCv), how)) ==
        Lines{"Experience: Alpha", "  untagged bullet", "Experience: Gamma"});
}

TEST_CASE("tailor: sections by key or title, in the order given, each once", "[tailor]") {
  const Cv cv = load(R"(cv:
  sections:
    selected_projects: [one]
    experience: [two]
    Talks and Posters: [three]
)");
  Tailoring how;
  how.sections = {"talks_and_posters", "Selected Projects", "SELECTED-PROJECTS", "experience"};
  CHECK(shown(tailor(cv, how)) ==
        Lines{"Talks and Posters: three", "Selected Projects: one", "Experience: two"});
  how.sections = {"nothing"};
  CHECK(tailor(cv, how).sections.empty());
}

TEST_CASE("tailor: since drops what ended before; undated and ongoing stay", "[tailor]") {
  const Cv cv = load(R"(cv:
  sections:
    s:
      - name: single date before
        date: 2010
      - name: range ended before
        start_date: 2008
        end_date: 2012-06
      - name: range ended in the year
        start_date: 2008
        end_date: 2015-01
      - name: ongoing
        start_date: 2008
        end_date: present
      - name: start only
        start_date: 2001
      - name: undated
      - name: date in words
        date: Fall 2001
      - name: end in words
        start_date: 2001
        end_date: the end of 2009
      - name: present date
        date: present
      - plain text stays
)");
  Tailoring how;
  how.since = 2015;
  CHECK(shown(tailor(cv, how)) == Lines{"S: range ended in the year", "S: ongoing", "S: start only",
                                        "S: undated", "S: date in words", "S: end in words",
                                        "S: present date", "S: plain text stays"});
}

TEST_CASE("tailor: numbers count what is kept", "[tailor]") {
  const Cv cv = load(R"(cv:
  sections:
    steps:
      - number: first
        tags: [a]
      - number: second
        tags: [b]
      - number: third
    countdown:
      - reversed_number: x
      - reversed_number: y
        tags: [b]
      - reversed_number: z
)");
  Tailoring how;
  how.exclude_tags = {"b"};
  CHECK(shown(tailor(cv, how)) ==
        Lines{"Steps: 1.first", "Steps: 2.third", "Countdown: 2.x", "Countdown: 1.z"});
}

TEST_CASE("tailor: the PDF keywords are the tags of what is kept", "[tailor]") {
  Tailoring how;
  CHECK(tailor(load(kCv), how).meta.keywords == "compiler, gpu, kernels");
  how.tags = {"gpu"};
  CHECK(tailor(load(kCv), how).meta.keywords == "gpu, kernels");
}

TEST_CASE("same_section and same_tag", "[tailor]") {
  CHECK(same_section("selected_projects", "Selected Projects"));
  CHECK(same_section("selected-projects", " selected  projects "));
  CHECK_FALSE(same_section("selected_projects", "projects"));
  CHECK(same_tag("GPU", "gpu"));
  CHECK_FALSE(same_tag("gpu", "gpus"));
}

TEST_CASE("profiles: the command line adds to tags and replaces sections", "[tailor][profile]") {
  Profile profile;
  profile.tags = {"gpu", "kernels"};
  profile.exclude_tags = {"teaching"};
  profile.sections = {"experience", "awards"};

  Tailoring flags;
  const Tailoring alone = with_profile(profile, flags);
  CHECK(alone.tags == std::vector<std::string>{"gpu", "kernels"});
  CHECK(alone.exclude_tags == std::vector<std::string>{"teaching"});
  CHECK(alone.sections == std::vector<std::string>{"experience", "awards"});
  CHECK(alone.since == 0);

  flags.tags = {"compiler", "GPU"};
  flags.exclude_tags = {"cfd"};
  flags.sections = {"education"};
  flags.since = 2019;
  const Tailoring both = with_profile(profile, flags);
  CHECK(both.tags == std::vector<std::string>{"gpu", "kernels", "compiler"});
  CHECK(both.exclude_tags == std::vector<std::string>{"teaching", "cfd"});
  CHECK(both.sections == std::vector<std::string>{"education"});
  CHECK(both.since == 2019);
}

TEST_CASE("profiles: find_profile and choose_style", "[tailor][profile]") {
  const Cv cv = load(R"(cv:
  name: A
design:
  theme: modern
profiles:
  plain:
  styled:
    style: compact
)");
  REQUIRE(find_profile(cv, "styled") != nullptr);
  CHECK(find_profile(cv, "styled")->style == "compact");
  CHECK(find_profile(cv, "nope") == nullptr);
  CHECK(find_profile(cv, "") == nullptr);
  // Each with where it was given, for "there is no style" at that place.
  const StyleChoice flag = choose_style("classic", find_profile(cv, "styled"), cv);
  CHECK(flag.name == "classic");
  CHECK(flag.loc.file == "--style");
  const StyleChoice of_profile = choose_style("", find_profile(cv, "styled"), cv);
  CHECK(of_profile.name == "compact");
  CHECK((of_profile.loc.line == 8 && of_profile.loc.col == 12));
  const StyleChoice theme = choose_style("", find_profile(cv, "plain"), cv);
  CHECK(theme.name == "modern");
  CHECK((theme.loc.line == 4 && theme.loc.col == 10));
  CHECK(choose_style("", nullptr, cv).name == "modern");
}

TEST_CASE("profiles: check_tailoring names what matches nothing", "[tailor][profile]") {
  const Cv cv = load(kCv);
  Tailoring flags;
  flags.sections = {"Experience", "awrds"};
  flags.tags = {"GPU", "kernel"};
  flags.exclude_tags = {"teaching"};
  const Diagnostics problems = check_tailoring(cv, flags);
  REQUIRE(problems.all().size() == 3);
  const Diagnostic& section = problems.all()[0];
  CHECK(section.severity == Severity::Error);
  CHECK(section.loc.file == "--sections");
  CHECK(section.message == "the CV has no section `awrds`");
  CHECK(section.hint == "did you mean `awards`? the sections are: experience, awards");
  const Diagnostic& tag = problems.all()[1];
  CHECK(tag.severity == Severity::Warning);
  CHECK(tag.loc.file == "--tags");
  CHECK(tag.message == "no entry or highlight carries the tag `kernel`");
  CHECK(tag.hint == "did you mean `kernels`? the tags are: compiler, gpu, kernels");
  CHECK(problems.all()[2].loc.file == "--exclude-tags");
  CHECK(problems.all()[2].hint == "the tags are: compiler, gpu, kernels");
}

TEST_CASE("tags: distinct_tags sorts without regard to case, each once", "[tailor]") {
  CHECK(distinct_tags({"gpu", "Compiler", "GPU", "awards", "compiler"}) ==
        std::vector<std::string>{"awards", "Compiler", "gpu"});
  CHECK(distinct_tags({}).empty());
}

TEST_CASE("tags: mixed case shows once in keywords and hints", "[tailor]") {
  const Cv cv = load(R"(cv:
  sections:
    s:
      - name: One
        tags: [GPU, kernels]
      - name: Two
        tags: [gpu]
)");
  CHECK(tailor(cv, {}).meta.keywords == "GPU, kernels");
  Tailoring flags;
  flags.tags = {"gpus"};
  const Diagnostics problems = check_tailoring(cv, flags);
  REQUIRE(problems.all().size() == 1);
  CHECK(problems.all()[0].hint == "did you mean `GPU`? the tags are: GPU, kernels");
}

TEST_CASE("tags: listed_names trims and drops empty names", "[tailor]") {
  CHECK(listed_names({"gpu", " compiler", "", "  ", "\tkernels "}) ==
        std::vector<std::string>{"gpu", "compiler", "kernels"});
}

TEST_CASE("tailor: why_nothing_left says what each filter dropped", "[tailor]") {
  const Cv cv = load(kCv);
  Tailoring how;
  how.tags = {"teaching"};
  how.exclude_tags = {"kernels"};
  how.since = 2030;
  // Alpha and Beta carry other tags; Gamma is untagged and undated (kept by
  // since too), so with all three this tailoring still shows Gamma.
  CHECK_FALSE(tailor(cv, how).sections.empty());
  how.sections = {"awards"};
  CHECK(tailor(cv, how).sections.empty());
  CHECK(why_nothing_left(cv, how) ==
        "of the one entry of sections [awards], tags [teaching] drop 1, tagged with none of them");
  how.sections = {};
  how.exclude_tags = {"gpu", "compiler"};
  how.tags = {};
  const Cv dated = load(R"(cv:
  sections:
    s:
      - name: Old
        date: 2010
      - name: Tagged
        tags: [gpu]
      - name: Other
        tags: [compiler]
        date: 2011
)");
  CHECK(tailor(dated, how).sections.empty());
  CHECK(why_nothing_left(dated, how) ==
        "of the 3 entries of the CV's sections, exclude_tags [gpu, compiler] drop 2 and since "
        "2030 drops 1, which ended before");
}

// Tailoring from the command line and from profiles, end to end: the cvpress
// binary builds tests/fixtures/tailor/tailor.yaml, whose every entry and
// highlight carries one marker word, and the PDF's text says what was kept.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "support.h"

using namespace cvpress::test;

namespace {

const std::string kFixture = "tests/fixtures/tailor/tailor.yaml";

// Every marker of the fixture: entries, highlights and section titles.
const std::vector<std::string> kMarkers = {
    "Alphacorp",   "Plainbullet",  "Kernelbullet",   "Compilerbullet", "Betacorp",
    "Gammacorp",   "Deltaproject", "Epsilonproject", "Zetaproject",    "Etaaward",
    "Thetacourse", "Experience",   "Side Projects",  "Awards",         "Teaching"};

struct Built {
  Run run;
  std::string text;  // of the full PDF; empty when the build failed
};

// Builds the full CV of `file` with `flags`.
Built build(const std::string& flags, const std::string& file = kFixture) {
  static int count = 0;
  const std::string out = scratch_dir("tailor-" + std::to_string(++count));
  Built b;
  b.run = run_cvpress("build " + quote(file) + " -o " + quote(out) +
                      " --variant full --format pdf " + flags);
  if (b.run.status == 0) b.text = pdf_text(out + "/tailor-full.pdf");
  return b;
}

bool shows(const std::string& text, const std::string& marker) {
  return text.find(marker) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// The fonts a PDF embeds, as pdffonts lists them.
std::string fonts_of(const std::string& pdf) { return run("pdffonts " + quote(pdf)).out; }

// Exactly the markers in `kept` are in `text`.
void check_kept(const std::string& text, const std::vector<std::string>& kept) {
  INFO(text);
  for (const std::string& marker : kMarkers) {
    const bool wanted = std::find(kept.begin(), kept.end(), marker) != kept.end();
    INFO(marker << (wanted ? " should be kept" : " should be gone"));
    CHECK(shows(text, marker) == wanted);
  }
}

// Whether the markers appear in this order.
bool in_order(const std::string& text, const std::vector<std::string>& markers) {
  std::size_t at = 0;
  for (const std::string& marker : markers) {
    at = text.find(marker, at);
    if (at == std::string::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("tailoring: without flags everything is shown", "[e2e][tailor]") {
  const Built b = build("");
  REQUIRE(b.run.status == 0);
  check_kept(b.text, kMarkers);
  CHECK(shows(b.text, "Original Headline"));
}

TEST_CASE("tailoring: --tags keeps untagged items and those with a listed tag", "[e2e][tailor]") {
  const Built b = build("--tags gpu");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  // Awards and Teaching hold only other tags: they are gone, titles too.
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Gammacorp", "Epsilonproject",
                      "Experience", "Side Projects"});
}

TEST_CASE("tailoring: --tags takes a comma list; tags ignore case", "[e2e][tailor]") {
  const Built b = build("--tags GPU,research");
  REQUIRE(b.run.status == 0);
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Gammacorp", "Epsilonproject",
                      "Zetaproject", "Experience", "Side Projects"});
}

TEST_CASE("tailoring: --exclude-tags drops items carrying any of the tags", "[e2e][tailor]") {
  const Built b = build("--exclude-tags compiler,teaching");
  REQUIRE(b.run.status == 0);
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Gammacorp", "Epsilonproject",
                      "Zetaproject", "Experience", "Side Projects"});
}

TEST_CASE("tailoring: --tags with --exclude-tags", "[e2e][tailor]") {
  const Built b = build("--tags gpu,compiler --exclude-tags kernels");
  REQUIRE(b.run.status == 0);
  check_kept(b.text,
             {"Alphacorp", "Plainbullet", "Compilerbullet", "Betacorp", "Gammacorp", "Deltaproject",
              "Epsilonproject", "Etaaward", "Experience", "Side Projects", "Awards"});
}

TEST_CASE("tailoring: --sections picks and orders sections by key or title", "[e2e][tailor]") {
  for (const char* sections :
       {"side_projects,experience", "'Side Projects,EXPERIENCE'", "side-projects,Experience"}) {
    const Built b = build(std::string("--sections ") + sections);
    INFO(sections << "\n" << b.run.out);
    REQUIRE(b.run.status == 0);
    check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Compilerbullet", "Betacorp",
                        "Gammacorp", "Deltaproject", "Epsilonproject", "Zetaproject", "Experience",
                        "Side Projects"});
    CHECK(in_order(b.text, {"Side Projects", "Deltaproject", "Experience", "Alphacorp"}));
  }
}

TEST_CASE("tailoring: a section named twice is shown once", "[e2e][tailor]") {
  const Built b = build("--sections awards,Awards,teaching");
  REQUIRE(b.run.status == 0);
  check_kept(b.text, {"Etaaward", "Thetacourse", "Awards", "Teaching"});
  CHECK(b.text.find("Etaaward") == b.text.rfind("Etaaward"));
}

TEST_CASE("tailoring: --since keeps ongoing, undated and recent entries", "[e2e][tailor]") {
  SECTION("2013: an entry that ended in 2013 stays") {
    const Built b = build("--since 2013");
    REQUIRE(b.run.status == 0);
    check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Compilerbullet", "Betacorp",
                        "Deltaproject", "Epsilonproject", "Zetaproject", "Etaaward", "Thetacourse",
                        "Experience", "Side Projects", "Awards", "Teaching"});
  }
  SECTION("2015: Awards is left empty and disappears") {
    const Built b = build("--since 2015");
    REQUIRE(b.run.status == 0);
    // Alphacorp is ongoing, Thetacourse has only a start (ongoing), Epsilonproject
    // no date, Zetaproject a date in words.
    check_kept(b.text, {"Alphacorp", "Plainbullet", "Kernelbullet", "Compilerbullet",
                        "Deltaproject", "Epsilonproject", "Zetaproject", "Thetacourse",
                        "Experience", "Side Projects", "Teaching"});
  }
}

TEST_CASE("tailoring: every filter at once", "[e2e][tailor]") {
  const Built b = build(
      "--tags gpu,compiler --exclude-tags kernels --sections experience,awards "
      "--since 2013");
  REQUIRE(b.run.status == 0);
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Compilerbullet", "Betacorp", "Etaaward",
                      "Experience", "Awards"});
  CHECK(in_order(b.text, {"Experience", "Awards"}));
}

TEST_CASE("tailoring: the input file may follow a list flag", "[e2e][tailor]") {
  const std::string out = scratch_dir("tailor-order");
  const Run r = run_cvpress("build --tags gpu " + quote(kFixture) + " --set cv.headline=Later -o " +
                            quote(out) + " --variant full --format pdf");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string text = pdf_text(out + "/tailor-full.pdf");
  CHECK(shows(text, "Later"));
  CHECK_FALSE(shows(text, "Betacorp"));
}

TEST_CASE("tailoring: unknown sections are usage errors, unknown tags warnings", "[e2e][tailor]") {
  const Built wrong_section = build("--sections experiense");
  CHECK(wrong_section.run.status == 2);
  CHECK(shows(wrong_section.run.out, "the CV has no section `experiense`"));
  CHECK(shows(wrong_section.run.out, "did you mean `experience`?"));

  const Built wrong_tag = build("--tags gpus");
  CHECK(wrong_tag.run.status == 0);
  CHECK(shows(wrong_tag.run.out, "warning: no entry or highlight carries the tag `gpus`"));
  CHECK(shows(wrong_tag.run.out, "did you mean `gpu`?"));
}

TEST_CASE("set: a field, a list item, the page size", "[e2e][tailor][set]") {
  const std::string out = scratch_dir("tailor-set");
  const Run r = run_cvpress(
      "build " + quote(kFixture) + " -o " + quote(out) + " --variant full --format pdf" +
      " --set cv.headline='GPU Kernel Architect'" +
      " --set cv.sections.experience.0.position=Setposition" +
      " --set cv.sections.experience.0.highlights.0=Setbullet" + " --set design.page.size=letter");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const std::string text = pdf_text(out + "/tailor-full.pdf");
  CHECK(shows(text, "GPU Kernel Architect"));
  CHECK_FALSE(shows(text, "Original Headline"));
  CHECK(in_order(text, {"Alphacorp", "Setposition", "Setbullet", "Kernelbullet"}));
  CHECK_FALSE(shows(text, "Gpuwizard"));
  CHECK_FALSE(shows(text, "Plainbullet"));
  CHECK(shows(run("pdfinfo " + quote(out + "/tailor-full.pdf")).out, "612 x 792"));
}

TEST_CASE("set: lists, and an empty value that removes a field", "[e2e][tailor][set]") {
  const Built b = build("--set 'cv.sections.teaching=[Iotatalk, Kappatalk]' --set cv.headline=");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  CHECK(in_order(b.text, {"Teaching", "Iotatalk", "Kappatalk"}));
  CHECK_FALSE(shows(b.text, "Thetacourse"));
  CHECK_FALSE(shows(b.text, "Original Headline"));
}

TEST_CASE("set: an unknown path is an error with the closest valid one", "[e2e][tailor][set]") {
  const Built b = build(
      "--set cv.headlin=X --set cv.sections.experiense.0.position=Y "
      "--set cv.sections.experience.5.position=Z");
  CHECK(b.run.status == 1);
  INFO(b.run.out);
  CHECK(shows(b.run.out, "--set: error: unknown path `cv.headlin`"));
  CHECK(shows(b.run.out, "did you mean `cv.headline`?"));
  CHECK(shows(b.run.out, "unknown path `cv.sections.experiense.0.position`"));
  CHECK(shows(b.run.out, "did you mean `cv.sections.experience.0.position`?"));
  CHECK(shows(b.run.out, "`cv.sections.experience` has 3 items, so there is no item 5"));
}

TEST_CASE("set: a bad value is an error that names the override", "[e2e][tailor][set]") {
  const Built b = build("--set cv.sections.experience.1.end_date=2014-13");
  CHECK(b.run.status == 1);
  CHECK(shows(b.run.out, "--set cv.sections.experience.1.end_date: error: month 13"));
}

TEST_CASE("set: without '=' it is a usage error", "[e2e][tailor][set]") {
  const Built b = build("--set cv.headline");
  CHECK(b.run.status == 2);
  CHECK(shows(b.run.out, "PATH=VALUE"));
}

TEST_CASE("profile: --profile applies tags, exclude_tags, sections and overrides",
          "[e2e][tailor][profile]") {
  const Built b = build("--profile gpujob");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Gammacorp", "Epsilonproject", "Experience",
                      "Side Projects"});
  CHECK(in_order(b.text, {"Side Projects", "Experience"}));
  CHECK(shows(b.text, "Profiled Headline"));
  CHECK(shows(b.text, "Profiledposition"));
}

TEST_CASE("profile: flags add to its tags and replace its sections", "[e2e][tailor][profile]") {
  const Built b = build(
      "--profile gpujob --tags compiler --exclude-tags research "
      "--sections experience,awards");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  // Tags: gpu (profile) and compiler (flag); exclude: kernels (profile) and
  // research (flag); sections: the flag's, not the profile's.
  check_kept(b.text, {"Alphacorp", "Plainbullet", "Compilerbullet", "Betacorp", "Gammacorp",
                      "Etaaward", "Experience", "Awards"});
  CHECK(shows(b.text, "Profiled Headline"));
}

TEST_CASE("profile: --set comes after the profile's overrides", "[e2e][tailor][profile]") {
  const Built b = build("--profile gpujob --set cv.headline=Flagheadline --since 2012");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  CHECK(shows(b.text, "Flagheadline"));
  CHECK_FALSE(shows(b.text, "Profiled Headline"));
  CHECK(shows(b.text, "Profiledposition"));  // the profile's other override stays
  CHECK_FALSE(shows(b.text, "Gammacorp"));   // --since adds to the profile
}

TEST_CASE("profile: an unknown profile is a usage error listing the known ones",
          "[e2e][tailor][profile]") {
  // Like a --sections name that matches no section: the command line names
  // what the file does not have.
  const Built b = build("--profile gpujb");
  CHECK(b.run.status == 2);
  INFO(b.run.out);
  CHECK(shows(b.run.out, "--profile: error: no profile `gpujb`"));
  CHECK(shows(b.run.out, "did you mean `gpujob`? the profiles are: gpujob, paperjob"));
}

TEST_CASE("tailoring: spaces around list items are trimmed, empty items ignored", "[e2e][tailor]") {
  // As `--tags gpu,compiler --exclude-tags kernels` (see above).
  const Built b = build("--tags 'gpu, compiler' --exclude-tags ' kernels,'");
  INFO(b.run.out);
  REQUIRE(b.run.status == 0);
  CHECK_FALSE(shows(b.run.out, "warning"));
  check_kept(b.text,
             {"Alphacorp", "Plainbullet", "Compilerbullet", "Betacorp", "Gammacorp", "Deltaproject",
              "Epsilonproject", "Etaaward", "Experience", "Side Projects", "Awards"});
  const Built sections = build("--sections ' awards , teaching,'");
  INFO(sections.run.out);
  REQUIRE(sections.run.status == 0);
  check_kept(sections.text, {"Etaaward", "Thetacourse", "Awards", "Teaching"});
}

TEST_CASE("tailoring: --since takes a year", "[e2e][tailor]") {
  for (const char* since : {"abc", "2020x", "0", "''"}) {
    const Built b = build(std::string("--since ") + since);
    INFO(since << "\n" << b.run.out);
    CHECK(b.run.status == 2);
    CHECK(shows(b.run.out, "is not a year; write one such as 2020"));
  }
}

TEST_CASE("tailoring: leaving nothing to show is an error that says why", "[e2e][tailor]") {
  const std::string out = scratch_dir("tailor-nothing");
  const Run r = run_cvpress("build " + quote(kFixture) + " -o " + quote(out) +
                            " --tags teaching --sections awards");
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(shows(r.out,
              "error: nothing is left to show after --tags teaching --sections awards: the CV "
              "would be its header alone"));
  CHECK(shows(r.out,
              "note: of the one entry of sections [awards], tags [teaching] drop 1, tagged "
              "with none of them"));
  CHECK(list_dir(out).empty());

  const Built since = build("--profile paperjob --since 2020");
  CHECK(since.run.status == 1);
  CHECK(shows(since.run.out, "after --profile paperjob --since 2020"));
  CHECK(shows(since.run.out, "since 2020 drops 1, which ended before"));
}

TEST_CASE("profile: its style, unless --style says otherwise", "[e2e][tailor][profile]") {
  const std::string out = scratch_dir("tailor-style");
  const auto fonts = [&](const std::string& flags) {
    const Run r = run_cvpress("build " + quote(kFixture) + " -o " + quote(out) +
                              " --variant full --format pdf " + flags);
    INFO(r.out);
    REQUIRE(r.status == 0);
    return fonts_of(out + "/tailor-full.pdf");
  };
  const std::string plain = fonts("");
  CHECK(shows(plain, "CharisSIL"));                         // the default: classic
  const std::string profile = fonts("--profile paperjob");  // style: modern
  CHECK(shows(profile, "Lato"));
  CHECK_FALSE(shows(profile, "CharisSIL"));
  const std::string flag = fonts("--profile paperjob --style compact");
  CHECK(shows(flag, "Carlito"));
  CHECK_FALSE(shows(flag, "Lato"));
}

TEST_CASE("profile: sections it names must exist, its tags should", "[e2e][tailor][profile]") {
  const std::string dir = scratch_dir("tailor-profile-names");
  write_file(dir + "/p.yaml", R"(cv:
  name: P
  sections:
    experience:
      - company: Alphacorp
        position: Gpuwizard
        tags: [gpu]
profiles:
  job:
    tags: [gpus]
    sections: [experiense]
)");
  const Run r = run_cvpress("build p.yaml -o out --profile job", dir);
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(shows(r.out,
              "p.yaml:11:16: error: profile `job` names section `experiense`, which "
              "`cv.sections` does not have"));
  CHECK(shows(r.out, "hint: did you mean `experience`?"));
  CHECK(shows(r.out,
              "p.yaml:10:12: warning: profile `job`: no entry or highlight carries the tag "
              "`gpus` of its `tags`"));
  CHECK(shows(r.out, "hint: did you mean `gpu`?"));
  CHECK_FALSE(exists(dir + "/out"));
  // The same file without the profile is still wrong: the file is.
  CHECK(run_cvpress("build p.yaml -o out", dir).status == 1);
}

TEST_CASE("tailoring: a text entry written as a map is tailored by its tags", "[e2e][tailor]") {
  const std::string dir = scratch_dir("tailor-text-map");
  write_file(dir + "/t.yaml", R"(cv:
  name: T
  sections:
    summary:
      - Plainintro paragraph.
      - text: Gpuintro paragraph.
        tags: [gpu]
        priority: 1
      - text: Compilerintro paragraph.
        tags: [compiler]
        priority: 5
)");
  const auto text = [&](const std::string& flags, const char* variant) {
    const Run r = run_cvpress(
        "build t.yaml -o out --format pdf --variant " + std::string(variant) + " " + flags, dir);
    INFO(r.out);
    REQUIRE(r.status == 0);
    return pdf_text(dir + "/out/t-" + variant + ".pdf");
  };
  const std::string all = text("", "full");
  CHECK(in_order(all, {"Plainintro", "Gpuintro", "Compilerintro"}));
  const std::string gpu = text("--tags gpu", "full");
  CHECK(in_order(gpu, {"Plainintro", "Gpuintro"}));
  CHECK_FALSE(shows(gpu, "Compilerintro"));
  CHECK_FALSE(shows(text("--exclude-tags GPU", "full"), "Gpuintro"));
  // Priority 5: the full CV only.
  const std::string onepage = text("", "onepage");
  CHECK(shows(onepage, "Gpuintro"));
  CHECK_FALSE(shows(onepage, "Compilerintro"));
}

TEST_CASE("profile: the profiles of cv.yaml build", "[e2e][tailor][profile][cv]") {
  const auto built = [](const std::string& profile) {
    const std::string out = scratch_dir("tailor-cv-" + profile);
    const Run r = run_cvpress("build cv.yaml -o " + quote(out) + " --format pdf" +
                              (profile == "none" ? "" : " --profile " + profile));
    INFO(profile << "\n" << r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("warning") == std::string::npos);
    CHECK(pdf_pages(out + "/cv-onepage.pdf") == 1);
    return out;
  };
  const std::string base = built("none");
  const std::string base_full = pdf_text(base + "/cv-full.pdf");
  CHECK(shows(base_full, "From Mathematical Insight to Production LLM Infrastructure."));
  // The one-page CV keeps a short summary: its second paragraph.
  CHECK(in_order(pdf_text(base + "/cv-onepage.pdf"),
                 {"Summary", "Building TensorRT-LLM inference systems", "Focus"}));

  SECTION("inference") {
    const std::string out = built("inference");
    const std::string full = pdf_text(out + "/cv-full.pdf");
    // The profile's own tagline, once (in the header, before the Summary),
    // and not the file's; the file alone never says it.
    const std::string tagline = "From Mathematical Insight to Production LLM Inference.";
    CHECK(occurrences(full, tagline) == 1);
    CHECK(in_order(full, {"Dr. Long Cheng", tagline, "I work across algorithms"}));
    CHECK_FALSE(shows(full, "Production LLM Infrastructure"));
    CHECK_FALSE(shows(base_full, tagline));
    CHECK_FALSE(shows(full, "openEuler"));  // the VecTrans project is left out
    // Titles are in capitals in this style: experience before the projects.
    CHECK(in_order(full, {"Compute DL Architecture", "GVR — Guess-Verify-Refine"}));
    CHECK(shows(fonts_of(out + "/cv-full.pdf"), "Lato"));  // style: modern
  }
  SECTION("compiler") {
    const std::string out = built("compiler");
    const std::string full = pdf_text(out + "/cv-full.pdf");
    CHECK(shows(full, "From Mathematical Insight to LLM-Guided Compilers"));
    CHECK(shows(full, "LLM4Compiler · Auto-vectorization"));
    // Compiler work first: VecTrans leads the projects; GVR and PASA are left
    // to the publications; the CFD papers are excluded.
    CHECK(in_order(full, {"Summary", "Selected Projects", "VecTrans", "Technical Throughline",
                          "Experience", "Talks", "Publications"}));
    CHECK_FALSE(shows(full, "GVR — Guess-Verify-Refine"));
    CHECK_FALSE(shows(full, "PASA — Online"));
    CHECK(shows(full, "Online Pseudo-average Shifting Attention (PASA)"));
    CHECK_FALSE(shows(full, "Inviscid Nonlinear Modeling"));
    CHECK(shows(fonts_of(out + "/cv-full.pdf"), "CharisSIL"));
    // The one-page CV's summary is the compiler paragraph.
    const std::string onepage = pdf_text(out + "/cv-onepage.pdf");
    CHECK(in_order(onepage, {"Summary", "LLM-native compiler workflows", "Focus"}));
    CHECK_FALSE(shows(onepage, "Building TensorRT-LLM inference systems"));
    CHECK(shows(onepage, "VecTrans"));
  }
  SECTION("academic") {
    const std::string out = built("academic");
    const std::string full = pdf_text(out + "/cv-full.pdf");
    CHECK(
        in_order(full, {"Publications", "Selected Projects", "Talks", "Education", "Experience"}));
    CHECK(shows(full, "Sparse Attention · Numerical Error Analysis"));
    const std::string onepage = pdf_text(out + "/cv-onepage.pdf");
    // Every paper and both supervisors on one page.
    CHECK(shows(onepage, "Inviscid Nonlinear Modeling"));
    CHECK(shows(onepage, "A semi-implicit immersed boundary method"));
    CHECK(shows(onepage, "Prof. Xiaofeng Sun"));
    CHECK(shows(onepage, "Prof. Paul Tucker"));
  }
}

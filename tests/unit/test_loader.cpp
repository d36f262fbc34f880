#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "files.h"
#include "load/diagnostics.h"
#include "load/yaml_loader.h"
#include "model/cv.h"
#include "text/markup.h"

using namespace cvpress;

namespace {

LoadResult load(std::string yaml) { return load_cv_text(std::move(yaml), "test.yaml"); }

// The first diagnostic whose message contains `needle`, or nullptr.
const Diagnostic* find(const LoadResult& result, std::string_view needle) {
  for (const Diagnostic& d : result.diags.all()) {
    if (d.message.find(needle) != std::string::npos) return &d;
  }
  return nullptr;
}

std::string rendered(const LoadResult& result) { return result.diags.render(result.source); }

// One section holding `entries` (YAML list items indented by four spaces).
LoadResult load_entries(const std::string& entries) {
  return load("cv:\n  name: A\n  sections:\n    s:\n" + entries);
}

const Entry& only_entry(const LoadResult& result) {
  REQUIRE(result.cv.sections.size() == 1);
  REQUIRE(result.cv.sections[0].entries.size() == 1);
  return result.cv.sections[0].entries[0];
}

// Everything the loader produced, as text, to compare two loads.
std::string describe(const LoadResult& r) {
  std::string out = r.cv.name + "|" + plain_text(r.cv.headline) + "\n";
  for (const Section& s : r.cv.sections) {
    out += s.title + "@" + std::to_string(s.loc.line) + ":" + std::to_string(s.loc.col) + "\n";
    for (const Entry& e : s.entries) {
      out += std::to_string(static_cast<int>(e.kind)) + " " + plain_text(e.name) +
             plain_text(e.company) + plain_text(e.text) + " " + std::to_string(e.start_date.year) +
             " @" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + "\n";
      for (const Highlight& h : e.highlights) out += "  " + plain_text(h.text) + "\n";
    }
  }
  return out + rendered(r);
}

}  // namespace

TEST_CASE("loader: the header", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: Ada Lovelace
  headline: '**Analyst** of engines'
  tagline: Poetical science.
  location: London
  email: ada@example.org
  phone: '+44 20 0000 0000'
  website: https://example.org
  social_networks:
    - network: GitHub
      username: ada
  sections:
    summary:
      - Hello.
)");
  CHECK(r.diags.empty());
  CHECK(r.cv.name == "Ada Lovelace");
  REQUIRE(r.cv.headline.size() == 2);
  CHECK(r.cv.headline[0].bold);
  CHECK(plain_text(r.cv.tagline) == "Poetical science.");
  CHECK(r.cv.location == "London");
  CHECK(r.cv.email == "ada@example.org");
  CHECK(r.cv.phone == "+44 20 0000 0000");
  CHECK(r.cv.website == "https://example.org");
  REQUIRE(r.cv.social_networks.size() == 1);
  CHECK(r.cv.social_networks[0].network == "GitHub");
  CHECK(r.cv.social_networks[0].username == "ada");
  CHECK(r.cv.social_networks[0].loc.line == 10);
  CHECK(r.cv.source_file == "test.yaml");
}

TEST_CASE("loader: the escapes \\N and \\_ give U+0085 and U+00A0 as UTF-8", "[loader]") {
  // yaml-cpp 0.7.0 gives the single bytes 0x85 and 0xA0, no UTF-8; PoDoFo
  // once wrote past a buffer on such a title.
  const LoadResult r = load(
      "cv:\n  name: \"A\\_B\\NC \u00e9\"\n  sections:\n    \"about\\_me\":\n"
      "      - \"x\\_y\"\n");
  INFO(r.diags.render(""));
  CHECK(r.cv.name == "A\u00A0B\u0085C \u00e9");
  REQUIRE(r.cv.sections.size() == 1);
  CHECK(r.cv.sections[0].title == "About\u00A0me");
}

TEST_CASE("loader: sub-bullets in highlights, as RenderCV writes them", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: A
  sections:
    experience:
      - company: C
        position: P
        highlights:
          - Reduced costs
            - caching
            - indexing, **fast**
          - text: Kept whole \- a dash
            tags: [gpu]
            priority: 2
          - Plain
)");
  INFO(r.diags.render(r.source));
  CHECK(r.diags.empty());
  REQUIRE(r.cv.sections.size() == 1);
  const std::vector<Highlight>& h = r.cv.sections[0].entries[0].highlights;
  REQUIRE(h.size() == 3);
  CHECK(plain_text(h[0].text) == "Reduced costs");
  REQUIRE(h[0].subitems.size() == 2);
  CHECK(plain_text(h[0].subitems[0]) == "caching");
  CHECK(h[0].subitems[1] == parse_markup("indexing, **fast**"));
  CHECK(plain_text(h[1].text) == "Kept whole - a dash");
  CHECK(h[1].subitems.empty());
  CHECK(h[1].priority == 2);
  CHECK(h[2].subitems.empty());
}

TEST_CASE("loader: every entry kind", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: A
  sections:
    all_kinds:
      - A plain *text* entry.
      - institution: MIT
        area: Physics
        degree: PhD
      - company: Acme
        position: Engineer
      - title: A paper
        authors: ['*Me*', You]
        journal: Nature
        doi: 10.1/x
      - name: A project
        url: https://x.org
      - label: Languages
        details: C++, Python
      - bullet: A bullet
      - number: A numbered item
      - reversed_number: A reversed item
)");
  CHECK(r.diags.empty());
  REQUIRE(r.cv.sections.size() == 1);
  const Section& s = r.cv.sections[0];
  CHECK(s.key == "all_kinds");
  CHECK(s.title == "All Kinds");
  CHECK(s.loc.line == 4);
  CHECK(s.loc.col == 5);
  REQUIRE(s.entries.size() == 9);
  const std::vector<EntryKind> kinds{
      EntryKind::Text,        EntryKind::Education, EntryKind::Experience,
      EntryKind::Publication, EntryKind::Normal,    EntryKind::OneLine,
      EntryKind::Bullet,      EntryKind::Numbered,  EntryKind::ReversedNumbered};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    INFO(i);
    CHECK(s.entries[i].kind == kinds[i]);
    CHECK(s.entries[i].loc.file == "test.yaml");
    CHECK(s.entries[i].loc.col == 9);
  }
  CHECK(s.entries[0].loc.line == 5);
  CHECK(s.entries[1].loc.line == 6);
  CHECK(plain_text(s.entries[0].text) == "A plain text entry.");
  CHECK(s.entries[0].text[1].italic);
  CHECK(plain_text(s.entries[1].institution) == "MIT");
  CHECK(plain_text(s.entries[1].area) == "Physics");
  CHECK(plain_text(s.entries[1].degree) == "PhD");
  CHECK(plain_text(s.entries[2].company) == "Acme");
  CHECK(plain_text(s.entries[2].position) == "Engineer");
  CHECK(plain_text(s.entries[3].title) == "A paper");
  REQUIRE(s.entries[3].authors.size() == 2);
  CHECK(s.entries[3].authors[0][0].italic);
  CHECK(plain_text(s.entries[3].journal) == "Nature");
  CHECK(s.entries[3].doi == "10.1/x");
  CHECK(plain_text(s.entries[4].name) == "A project");
  CHECK(s.entries[4].url == "https://x.org");
  CHECK(plain_text(s.entries[5].label) == "Languages");
  CHECK(plain_text(s.entries[5].details) == "C++, Python");
  CHECK(plain_text(s.entries[6].text) == "A bullet");
  CHECK(plain_text(s.entries[7].text) == "A numbered item");
  CHECK(plain_text(s.entries[8].text) == "A reversed item");
}

TEST_CASE("loader: shared entry keys", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
      position: Engineer
      location: Berlin
      summary: Built **things**.
      url: https://acme.example
      tags: [gpu, compiler]
      priority: 2
)");
  CHECK(r.diags.empty());
  const Entry& e = only_entry(r);
  CHECK(plain_text(e.location) == "Berlin");
  CHECK(plain_text(e.summary) == "Built things.");
  CHECK(e.url == "https://acme.example");
  CHECK(e.tags == std::vector<std::string>{"gpu", "compiler"});
  CHECK(e.priority == 2);
  CHECK(load_entries("    - name: x\n").cv.sections[0].entries[0].priority == kDefaultPriority);
}

TEST_CASE("loader: section titles", "[loader]") {
  const LoadResult r = load(R"(cv:
  sections:
    selected_projects: [a]
    Welcome to RenderCV: [b]
    phd_Thesis: [c]
    skills: [d]
)");
  CHECK(r.diags.empty());
  REQUIRE(r.cv.sections.size() == 4);
  CHECK(r.cv.sections[0].title == "Selected Projects");
  CHECK(r.cv.sections[1].title == "Welcome to RenderCV");
  CHECK(r.cv.sections[2].title == "phd_Thesis");
  CHECK(r.cv.sections[3].title == "Skills");
}

TEST_CASE("loader: dates", "[loader]") {
  const LoadResult r = load_entries(R"(    - name: a
      date: 2021
    - name: b
      date: 2021-03
    - name: c
      date: '2020-02-29'
    - name: d
      start_date: 2019-09
      end_date: present
    - name: e
      date: Fall 2020
    - name: f
      start_date: 2020
      end_date: 2020-06
)");
  CHECK(r.diags.empty());
  const std::vector<Entry>& e = r.cv.sections[0].entries;
  REQUIRE(e.size() == 6);
  CHECK(e[0].date == Date{2021, 0, 0, false, ""});
  CHECK(e[1].date == Date{2021, 3, 0, false, ""});
  CHECK(e[2].date == Date{2020, 2, 29, false, ""});
  CHECK(e[3].start_date == Date{2019, 9, 0, false, ""});
  CHECK(e[3].end_date.present);
  CHECK(e[3].end_date.year == 0);
  CHECK(e[4].date.text == "Fall 2020");
  CHECK(e[4].date.year == 0);
  CHECK(e[5].end_date == Date{2020, 6, 0, false, ""});
}

TEST_CASE("loader: a bad month is an error at its value", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
      position: Engineer
      start_date: 2021-13
)");
  CHECK(r.diags.has_errors());
  const Diagnostic* d = find(r, "month 13");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Error);
  CHECK(d->loc.line == 7);
  CHECK(d->loc.col == 19);
  CHECK(rendered(r) ==
        "test.yaml:7:19: error: month 13 is not between 1 and 12\n"
        "      start_date: 2021-13\n"
        "                  ^\n"
        "  hint: write dates as YYYY, YYYY-MM, YYYY-MM-DD or `present`\n");
}

TEST_CASE("loader: impossible days are errors", "[loader]") {
  const LoadResult r = load_entries(
      "    - name: a\n      date: 2021-02-29\n    - name: b\n      date: 2021-04-31\n");
  CHECK(r.diags.error_count() == 2);
  CHECK(find(r, "day 29 is not a day of 2021-02") != nullptr);
  CHECK(find(r, "day 31 is not a day of 2021-04") != nullptr);
}

TEST_CASE("loader: an end before the start is an error", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
      position: Engineer
      start_date: 2021-03
      end_date: 2020-12
)");
  const Diagnostic* d = find(r, "end date `2020-12` is before start date `2021-03`");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Error);
  CHECK(d->loc.line == 8);
  CHECK(d->loc.col == 17);
  CHECK_FALSE(load_entries("    - name: a\n      start_date: 2021-03\n      end_date: 2021\n")
                  .diags.has_errors());
}

TEST_CASE("loader: highlights as strings and as objects", "[loader]") {
  const LoadResult r = load_entries(R"(    - name: Project
      highlights:
        - Plain **bold** highlight
        - text: Tagged highlight
          tags: [gpu]
          priority: 1
        - text: Default priority
)");
  CHECK(r.diags.empty());
  const Entry& e = only_entry(r);
  REQUIRE(e.highlights.size() == 3);
  CHECK(plain_text(e.highlights[0].text) == "Plain bold highlight");
  CHECK(e.highlights[0].text[1].bold);
  CHECK(e.highlights[0].priority == kDefaultPriority);
  CHECK(e.highlights[0].loc.line == 7);
  CHECK(e.highlights[0].loc.col == 11);
  CHECK(plain_text(e.highlights[1].text) == "Tagged highlight");
  CHECK(e.highlights[1].tags == std::vector<std::string>{"gpu"});
  CHECK(e.highlights[1].priority == 1);
  CHECK(e.highlights[1].loc.line == 8);
  CHECK(e.highlights[2].priority == kDefaultPriority);
}

TEST_CASE("loader: priority must be 1 to 5", "[loader]") {
  const LoadResult r = load_entries(R"(    - name: a
      priority: 9
      highlights:
        - text: b
          priority: high
    - name: c
      priority: 0
)");
  CHECK(r.diags.error_count() == 3);
  const Diagnostic* d = find(r, "not `9`");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Error);
  CHECK(d->message == "priority must be a whole number from 1 to 5, not `9`");
  CHECK(d->loc.line == 6);
  CHECK(d->loc.col == 17);
  CHECK(find(r, "not `high`") != nullptr);
  CHECK(find(r, "not `0`") != nullptr);
}

TEST_CASE("loader: an unknown key is a warning with a suggestion", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
      postion: Engineer
      position: Engineer
      colour: red
)");
  CHECK_FALSE(r.diags.has_errors());
  REQUIRE(r.diags.warning_count() == 2);
  const Diagnostic& typo = r.diags.all()[0];
  CHECK(typo.severity == Severity::Warning);
  CHECK(typo.message == "unknown key `postion` in an experience entry; it is ignored");
  CHECK(typo.hint == "did you mean `position`?");
  CHECK(typo.loc.line == 6);
  CHECK(typo.loc.col == 7);
  const Diagnostic& unused = r.diags.all()[1];
  CHECK(unused.message == "`colour` in an experience entry is not used by cvpress; it is ignored");
  CHECK(unused.hint.find("known keys: company, position, date") == 0);
  CHECK(plain_text(only_entry(r).position) == "Engineer");
}

TEST_CASE("loader: unknown keys at the top, under cv, design, locale, settings", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: A
  photo: me.jpg
  naem: B
design:
  theme: classic
  colors: {body: black}
  page:
    size: us-letter
    top_margin: 1cm
locale:
  language: english
  month: month
settings:
  current_date: 2024-05
  pdf_title: x
rendercv_settings: {}
)");
  CHECK_FALSE(r.diags.has_errors());
  CHECK(r.diags.warning_count() == 7);
  CHECK(find(r, "`photo` in `cv` is not used by cvpress") != nullptr);
  const Diagnostic* typo = find(r, "`naem`");
  REQUIRE(typo != nullptr);
  CHECK(typo->hint == "did you mean `name`?");
  CHECK(find(r, "`colors` in `design` is not used by cvpress") != nullptr);
  CHECK(find(r, "`top_margin` in `design.page` is not used by cvpress") != nullptr);
  CHECK(find(r, "`month` in `locale` is not used by cvpress") != nullptr);
  CHECK(find(r, "`pdf_title` in `settings` is not used by cvpress") != nullptr);
  CHECK(find(r, "`rendercv_settings` in the top-level map is not used by cvpress") != nullptr);
  CHECK(r.cv.theme == "classic");
  CHECK(r.cv.page_size == "letter");
  CHECK(r.cv.language == "english");
  CHECK(r.cv.current_date == Date{2024, 5, 0, false, ""});
}

TEST_CASE("loader: design page_size, and today as current date", "[loader]") {
  const LoadResult r =
      load("cv: {name: A}\ndesign: {page_size: A4}\nsettings: {current_date: today}\n");
  CHECK(r.diags.empty());
  CHECK(r.cv.page_size == "a4");
  CHECK(r.cv.current_date.empty());
}

TEST_CASE("loader: profiles", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: A
  sections:
    experience:
      - company: X
        position: Y
        tags: [gpu, Kernels]
    selected_projects: [y]
profiles:
  gpu:
    tags: [gpu, kernels]
    exclude_tags: [teaching]
    sections: [experience, Selected Projects, experince]
    overrides:
      cv.headline: GPU engineer
      style.font_size: 10
    style: compact
  empty:
)");
  REQUIRE(r.cv.profiles.size() == 2);
  const Profile& p = r.cv.profiles[0];
  CHECK(p.name == "gpu");
  CHECK(p.loc.line == 10);
  CHECK(p.loc.col == 3);
  CHECK(p.tags == std::vector<std::string>{"gpu", "kernels"});
  CHECK(p.exclude_tags == std::vector<std::string>{"teaching"});
  CHECK(p.sections == std::vector<std::string>{"experience", "Selected Projects", "experince"});
  using Override = std::pair<std::string, std::string>;
  CHECK(p.overrides ==
        std::vector<Override>{{"cv.headline", "GPU engineer"}, {"style.font_size", "10"}});
  CHECK(p.style == "compact");
  CHECK((p.style_loc.line == 17 && p.style_loc.col == 12));
  CHECK(r.cv.profiles[1].name == "empty");
  INFO(rendered(r));
  // A section the profile names but the file lacks: an error at the name.
  REQUIRE(r.diags.error_count() == 1);
  const Diagnostic* section = find(r, "names section `experince`");
  REQUIRE(section != nullptr);
  CHECK(section->severity == Severity::Error);
  CHECK(section->message ==
        "profile `gpu` names section `experince`, which `cv.sections` does not have");
  CHECK((section->loc.line == 13 && section->loc.col == 47));
  CHECK(section->hint ==
        "did you mean `experience`? the sections are: experience, selected_projects");
  // A tag that nothing carries: a warning at the tag (tags ignore case).
  REQUIRE(r.diags.warning_count() == 1);
  const Diagnostic* tag = find(r, "the tag `teaching`");
  REQUIRE(tag != nullptr);
  CHECK(tag->severity == Severity::Warning);
  CHECK(tag->message ==
        "profile `gpu`: no entry or highlight carries the tag `teaching` of its `exclude_tags`");
  CHECK((tag->loc.line == 12 && tag->loc.col == 20));
  CHECK(tag->hint == "the tags are: gpu, Kernels");
}

TEST_CASE("loader: a profile may name a section its overrides add", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: A
  sections:
    experience: [x]
profiles:
  job:
    sections: [experience, extra]
    overrides:
      cv.sections.extra: [Added by the profile.]
  typo:
    sections: [extra]
)");
  INFO(rendered(r));
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.diags.all()[0].loc.line == 11);  // only `typo`, which does not add it
}

TEST_CASE("loader: a text entry may be a map with tags and priority", "[loader]") {
  const LoadResult r = load_entries(R"(    - A plain paragraph.
    - text: A **tagged** paragraph.
      tags: [intro]
      priority: 1
    - text: Named too
      name: Both
    - tags: [x]
      priority: 2
)");
  INFO(rendered(r));
  REQUIRE(r.cv.sections.size() == 1);
  const std::vector<Entry>& entries = r.cv.sections[0].entries;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].kind == EntryKind::Text);
  CHECK(entries[1].kind == EntryKind::Text);
  CHECK(plain_text(entries[1].text) == "A tagged paragraph.");
  CHECK(entries[1].text[1].bold);
  CHECK(entries[1].tags == std::vector<std::string>{"intro"});
  CHECK(entries[1].priority == 1);
  CHECK((entries[1].loc.line == 6 && entries[1].loc.col == 7));
  // With another kind's key it is that kind, and `text` is not one of its keys.
  CHECK(entries[2].kind == EntryKind::Normal);
  const Diagnostic* unknown = find(r, "`text` in a normal entry is not used");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->severity == Severity::Warning);
  // Without `text` (or another kind's key) it is no entry at all.
  const Diagnostic* kind = find(r, "cannot tell what kind of entry this is");
  REQUIRE(kind != nullptr);
  CHECK(kind->loc.line == 11);
  CHECK(kind->hint.find(", text") != std::string::npos);
}

TEST_CASE("loader: design.theme and its place", "[loader]") {
  const LoadResult r = load("cv:\n  name: A\ndesign:\n  theme: moderncv\n");
  CHECK(r.cv.theme == "moderncv");
  CHECK((r.cv.theme_loc.line == 4 && r.cv.theme_loc.col == 10));
}

TEST_CASE("loader: math outside the allow-list is an error at the command", "[loader][math]") {
  // Each line: the entry, then the line and column the error must point at.
  struct Case {
    const char* entry;
    int line, col;
    const char* bad;
  };
  const Case cases[] = {
      {"    - Plain $$\\alpha + \\input{x}$$ text\n", 5, 24, "\\input"},
      {"    - 'Single $$\\beta$$ and $$\\gamma \\foo$$'\n", 5, 38, "\\foo"},
      {"    - \"Dou\\\"ble $$\\\\alpha \\\\def$$\"\n", 5, 27, "\\def"},
      // \in is allowed; the \input after it is found, not the \in.
      {"    - '$$x \\in y$$ $$\\input$$'\n", 5, 22, "\\input"},
      // Multi-line: the line of the command, and its column there.
      {"    - text: >-\n        Folded $$\\alpha\n        + \\bar{x} \\evil$$\n", 7, 19, "\\evil"},
      {"    - |\n      Literal\n      $$\\catcode$$\n", 7, 9, "\\catcode"},
      // A character: at the character.
      {"    - 'x $$a % b$$'\n", 5, 14, "%"},
      // Not in the text (a script without its argument): at the formula.
      {"    - 'x $$a^$$'\n", 5, 10, nullptr},
  };
  for (const Case& c : cases) {
    const LoadResult r = load_entries(c.entry);
    INFO(c.entry << rendered(r));
    REQUIRE(r.diags.error_count() == 1);
    const Diagnostic& d = r.diags.all()[0];
    CHECK(d.message == (c.bad
                            ? std::string("math uses `") + c.bad + "`, which cvpress does not allow"
                            : "math ends before it is complete: an argument, a script or a "
                              "\\right is missing"));
    CHECK(d.loc.line == c.line);
    CHECK(d.loc.col == c.col);
  }
}

TEST_CASE("loader: wrong types are located errors", "[loader]") {
  const LoadResult r = load(R"(cv:
  name: [A, B]
  sections:
    s:
      - company: Acme
        position: {a: b}
        highlights: just text
        tags: gpu
      - [nested, list]
    t: text
)");
  CHECK(r.diags.error_count() == 6);
  const Diagnostic* name = find(r, "expected text, found a list");
  REQUIRE(name != nullptr);
  CHECK(name->loc.line == 2);
  CHECK(name->loc.col == 9);
  const Diagnostic* position = find(r, "expected text, found a map");
  REQUIRE(position != nullptr);
  CHECK(position->loc.line == 6);
  CHECK(find(r, "expected a list of highlights, found text") != nullptr);
  CHECK(find(r, "expected a list of names, found text") != nullptr);
  CHECK(find(r, "expected an entry (text or a map), found a list") != nullptr);
  CHECK(find(r, "expected a list of entries, found text") != nullptr);
}

TEST_CASE("loader: missing keys and unknown entry kinds", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
    - label: Only a label
    - date: 2020
      summary: What am I?
)");
  CHECK(r.diags.error_count() == 3);
  CHECK(find(r, "missing `position` in an experience entry") != nullptr);
  CHECK(find(r, "missing `details` in a one-line entry") != nullptr);
  const Diagnostic* kind = find(r, "cannot tell what kind of entry this is");
  REQUIRE(kind != nullptr);
  CHECK(kind->loc.line == 7);
  CHECK(kind->hint.find("institution, company, title, name") != std::string::npos);
}

TEST_CASE("loader: duplicate keys are errors", "[loader]") {
  const LoadResult r = load("cv:\n  name: A\n  name: B\n");
  const Diagnostic* d = find(r, "duplicate key `name`");
  REQUIRE(d != nullptr);
  CHECK(d->loc.line == 3);
  CHECK(d->hint == "it is first given on line 2");
  CHECK(r.cv.name == "A");
}

TEST_CASE("loader: every problem is reported, not just the first", "[loader]") {
  const LoadResult r = load_entries(R"(    - name: a
      date: 2021-13
    - name: b
      priority: 7
    - name: c
      tagz: [x]
)");
  CHECK(r.diags.error_count() == 2);
  CHECK(r.diags.warning_count() == 1);
  CHECK(r.cv.sections[0].entries.size() == 3);
}

TEST_CASE("loader: diagnostics come in file order", "[loader]") {
  const LoadResult r = load_entries(R"(    - company: Acme
      postion: Engineer
    - name: b
      priority: 7
)");
  REQUIRE(r.diags.all().size() == 3);
  CHECK(r.diags.all()[0].message == "missing `position` in an experience entry");
  CHECK(r.diags.all()[0].loc.line == 5);
  CHECK(r.diags.all()[1].loc.line == 6);
  CHECK(r.diags.all()[2].loc.line == 8);
}

TEST_CASE("loader: missing cv, empty file, only comments", "[loader]") {
  const LoadResult no_cv = load("design:\n  theme: classic\n");
  REQUIRE(no_cv.diags.error_count() == 1);
  CHECK(no_cv.diags.all()[0].message == "missing `cv` in the top-level map");
  for (const char* text : {"", "# just a comment\n", "\n\n"}) {
    const LoadResult r = load(text);
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].message == "the file holds no CV");
  }
  const LoadResult scalar = load("just some words\n");
  REQUIRE(scalar.diags.error_count() == 1);
  CHECK(scalar.diags.all()[0].message == "expected a map with a `cv:` key, found text");
}

TEST_CASE("loader: YAML syntax errors have a line and column", "[loader]") {
  const LoadResult r = load("cv:\n  name: A\n  sections: [a, b\n");
  REQUIRE(r.diags.error_count() == 1);
  const Diagnostic& d = r.diags.all()[0];
  CHECK(d.message == "invalid YAML: end of sequence flow not found");
  // At the bracket that is not closed, not at the end of the file.
  CHECK(d.loc.line == 3);
  CHECK(d.loc.col == 13);
  CHECK(d.hint.find("not closed") != std::string::npos);

  const LoadResult bad_indent = load("cv:\n  name: A\n   bad: indent\n");
  REQUIRE(bad_indent.diags.error_count() == 1);
  CHECK(bad_indent.diags.all()[0].message.find("invalid YAML") == 0);
  CHECK(bad_indent.diags.all()[0].loc.line == 3);
}

TEST_CASE("loader: a BOM and CRLF line ends load as plain text does", "[loader]") {
  const std::string plain =
      "cv:\n  name: A\n  sections:\n    s:\n      - name: x\n        start_date: 2020\n        "
      "highlights:\n          - one\n          - two\n      - bullet: y\n        priority: 9\n";
  std::string crlf;
  for (char c : plain) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const LoadResult a = load(plain);
  const LoadResult b = load("\xEF\xBB\xBF" + crlf);
  CHECK(a.diags.error_count() == 1);
  CHECK(describe(a) == describe(b));
  CHECK(a.source == b.source);
}

TEST_CASE("loader: deep nesting is an error, not a crash", "[loader]") {
  for (char open : {'[', '{'}) {
    const LoadResult r = load("cv:\n  name: " + std::string(100000, open));
    REQUIRE(r.diags.error_count() == 1);
    const Diagnostic& d = r.diags.all()[0];
    CHECK(d.message ==
          "the YAML nests deeper than " + std::to_string(kMaxNesting) + " levels here");
    CHECK(d.loc.line == 2);
    // Inside the run of brackets: yaml-cpp reads an unclosed `[` in a list as
    // a map too, so each may count twice.
    CHECK(d.loc.col > 9 + kMaxNesting / 4);
    CHECK(d.loc.col <= 9 + kMaxNesting);
  }
  // Closed or not, at the bracket that goes too deep.
  std::string flow = "cv: ";
  for (int i = 0; i < 700; ++i) flow += "[";
  for (int i = 0; i < 700; ++i) flow += "]";
  const LoadResult closed = load(flow);
  REQUIRE(closed.diags.error_count() == 1);
  CHECK(closed.diags.all()[0].loc.col == 5 + kMaxNesting - 1);  // the top-level map is a level
  // Block sequences nest without brackets.
  std::string dashes;
  for (int i = 0; i < 100000; ++i) dashes += "- ";
  const LoadResult block = load("cv:\n  sections:\n    s:\n      " + dashes + "x\n");
  REQUIRE(block.diags.error_count() == 1);
  CHECK(find(block, "nests deeper") != nullptr);
  // Brackets in quoted text and comments are text, wherever they are.
  CHECK_FALSE(load("cv:\n  name: '" + std::string(2000, '[') + "'\n").diags.has_errors());
  CHECK_FALSE(load("cv:\n  name: \"A\n    " + std::string(2000, '[') + "\"\n").diags.has_errors());
  const std::string in_flow =
      "cv: {name: '" + std::string(2000, '[') + "'} # " + std::string(2000, '{') + "\n";
  CHECK_FALSE(load(in_flow).diags.has_errors());
}

TEST_CASE("loader: the guard against deep nesting cannot be tricked by quotes", "[loader]") {
  // A quote inside a plain scalar, a tag right before a quoted `]`, an anchor
  // with quotes in its name: yaml-cpp's own reading decides, not a guess.
  for (const std::string& lead :
       {std::string("cv: [a 'b, "), std::string("cv: [a:'b, "), std::string("cv: [!!str\"]\", "),
        std::string("cv: [&a'b "), std::string("cv: [a \"b, ")}) {
    INFO(lead);
    const LoadResult r = load(lead + std::string(200000, '['));
    REQUIRE(r.diags.error_count() == 1);
    CHECK(r.diags.all()[0].message.find("nests deeper") != std::string::npos);
    CHECK(r.diags.all()[0].loc.line == 1);
  }
  std::string tagged = "cv: ";
  for (int i = 0; i < 2000; ++i) tagged += "[!!str\"]\", ";
  CHECK(find(load(tagged), "nests deeper") != nullptr);
}

TEST_CASE("loader: invalid UTF-8 and control characters are located errors", "[loader]") {
  const LoadResult r = load("cv:\n  name: J\xC3\xB6r\xFFg\n  email: a\x01@b\n");
  REQUIRE(r.diags.error_count() >= 2);
  const Diagnostic& utf8 = r.diags.all()[0];
  CHECK(utf8.message == "invalid UTF-8 byte 0xFF");
  CHECK(utf8.loc.line == 2);
  CHECK(utf8.loc.col == 12);
  CHECK(utf8.hint == "save the file as UTF-8 text");
  const Diagnostic& control = r.diags.all()[1];
  CHECK(control.message == "control character U+0001 is not allowed in YAML");
  CHECK(control.loc.line == 3);
  CHECK(control.loc.col == 11);

  for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    INFO(bad);
    CHECK(find(load(std::string("cv:\n  name: ") + bad + "\n"), "invalid UTF-8") != nullptr);
  }
  std::string many = "cv:\n  name: ";
  many += std::string(1000, '\xFF');
  const LoadResult flood = load(many);
  CHECK(flood.diags.error_count() < 20);
  CHECK(find(flood, "more encoding errors") != nullptr);
}

TEST_CASE("loader: binary garbage is an error, not a crash", "[loader]") {
  std::mt19937 random(20240501);
  for (int round = 0; round < 200; ++round) {
    std::string garbage(static_cast<std::size_t>(random() % 4096), '\0');
    for (char& c : garbage) c = static_cast<char>(random() & 0xFF);
    CHECK(load(garbage).diags.has_errors());
  }
}

TEST_CASE("loader: mangled copies of cv.yaml never crash", "[loader]") {
  const std::string original = test::read_file(CVPRESS_SOURCE_DIR "/cv.yaml");
  REQUIRE(!original.empty());
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string text = original;
    for (int edit = 0; edit < 5; ++edit) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text.erase(at, random() % 8);
          break;
        case 1:
          text.insert(at, 1, "[]{}:-'\"*_`$#\n \t&*!|>"[random() % 21]);
          break;
        default:
          text[at] = static_cast<char>(random() & 0xFF);
          break;
      }
    }
    const LoadResult r = load(text);
    CHECK_NOTHROW(rendered(r));
  }
}

TEST_CASE("loader: alias bombs stop instead of exhausting memory", "[loader]") {
  // 20 kB of YAML that would read as 1000 entries of 1000 highlights of 10 kB.
  std::string yaml = "x: &s '" + std::string(10000, 'x') + "'\nh: &h [*s";
  for (int i = 1; i < 1000; ++i) yaml += ", *s";
  yaml += "]\ne: &e {name: x, highlights: *h}\nl: &l [*e";
  for (int i = 1; i < 1000; ++i) yaml += ", *e";
  yaml += "]\ncv: {name: A, sections: {s: *l}}\n";
  const LoadResult r = load(yaml);
  CHECK(r.diags.error_count() == 1);
  CHECK(find(r, "expands to far more") != nullptr);
}

TEST_CASE("loader: files over 1 MiB are refused", "[loader]") {
  const LoadResult r = load(std::string(kMaxInputBytes + 1, ' '));
  REQUIRE(r.diags.error_count() == 1);
  CHECK(r.diags.all()[0].message == "the file is larger than 2 MiB, the most cvpress reads");
  CHECK(r.source.empty());
}

TEST_CASE("loader: files that cannot be read", "[loader]") {
  const LoadResult missing = load_cv_file(CVPRESS_TEST_DIR "/no/such/file.yaml");
  REQUIRE(missing.diags.error_count() == 1);
  CHECK(missing.diags.all()[0].message.find("cannot read") == 0);
  CHECK(missing.diags.all()[0].loc.file == CVPRESS_TEST_DIR "/no/such/file.yaml");
  const LoadResult directory = load_cv_file(CVPRESS_TEST_DIR);
  REQUIRE(directory.diags.error_count() == 1);
  CHECK(directory.diags.all()[0].message.find("it is a directory") != std::string::npos);
}

TEST_CASE("loader: markup mistakes are warnings", "[loader]") {
  const LoadResult r = load_entries("    - See [the paper]() for details.\n");
  CHECK_FALSE(r.diags.has_errors());
  const Diagnostic* d = find(r, "has no target");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->loc.line == 5);
}

TEST_CASE("loader: every RenderCV example loads without errors", "[loader][corpus]") {
  int files = 0;
  for (const auto& item :
       std::filesystem::directory_iterator(CVPRESS_TEST_DIR "/fixtures/rendercv")) {
    if (item.path().extension() != ".yaml") continue;
    ++files;
    const LoadResult r = load_cv_file(item.path().string());
    INFO(rendered(r));
    CHECK_FALSE(r.diags.has_errors());
    CHECK_FALSE(r.cv.name.empty());
    CHECK_FALSE(r.cv.sections.empty());
  }
  CHECK(files == 8);

  const LoadResult r =
      load_cv_file(CVPRESS_TEST_DIR "/fixtures/rendercv/John_Doe_ClassicTheme_CV.yaml");
  REQUIRE(r.cv.sections.size() == 9);
  CHECK(r.cv.sections[0].title == "Welcome to RenderCV");
  CHECK(r.cv.sections[0].entries[0].kind == EntryKind::Text);
  const Entry& phd = r.cv.sections[1].entries[0];
  CHECK(phd.kind == EntryKind::Education);
  CHECK(phd.start_date == Date{2018, 9, 0, false, ""});
  CHECK(phd.highlights.size() == 3);
  const Entry& project = r.cv.sections[3].entries[0];
  CHECK(project.kind == EntryKind::Normal);
  REQUIRE(project.name.size() == 1);
  CHECK(project.name[0].link == "https://github.com/");
  CHECK(r.cv.sections[4].entries[0].authors.size() == 3);
  CHECK(r.cv.sections[8].entries[0].kind == EntryKind::ReversedNumbered);
  CHECK(r.cv.social_networks.size() == 2);
  CHECK(r.cv.current_date.empty());
  CHECK(r.diags.warning_count() == 3);  // settings cvpress does not use
}

TEST_CASE("loader: cv.yaml loads without errors or warnings", "[loader][cv]") {
  const LoadResult r = load_cv_file(CVPRESS_SOURCE_DIR "/cv.yaml");
  INFO(rendered(r));
  REQUIRE(r.diags.empty());
  CHECK(r.cv.name == "Dr. Long Cheng");
  CHECK(plain_text(r.cv.headline) == "Senior Architect at NVIDIA");
  CHECK_FALSE(r.cv.tagline.empty());
  CHECK(r.cv.email.empty());
  CHECK(r.cv.phone.empty());
  CHECK(r.cv.theme == "classic");
  CHECK(r.cv.language == "english");
  REQUIRE(r.cv.sections.size() == 11);
  CHECK(r.cv.sections[3].title == "Selected Projects");

  const Entry& gvr = r.cv.sections[3].entries[0];
  CHECK(gvr.kind == EntryKind::Normal);
  CHECK(gvr.date == Date{2026, 4, 0, false, ""});
  CHECK(gvr.priority == 1);
  REQUIRE(gvr.highlights.size() == 3);
  CHECK(gvr.highlights[0].text[0].bold);
  CHECK(gvr.highlights[0].text[0].text == "Innovation:");

  const Entry& pasa = r.cv.sections[3].entries[1];
  REQUIRE(pasa.highlights.size() == 5);
  const RichText& formula = pasa.highlights[3].text;
  REQUIRE(formula.size() == 3);
  CHECK(formula[2].kind == SpanKind::Math);
  CHECK(formula[2].text.find("\\mathrm{softmax}") == 0);
  CHECK(pasa.highlights[3].priority == 4);
  CHECK(pasa.highlights[4].text[0].kind == SpanKind::Math);

  const Entry& nvidia = r.cv.sections[5].entries[0];
  CHECK(nvidia.kind == EntryKind::Experience);
  CHECK(nvidia.start_date == Date{2025, 11, 0, false, ""});
  CHECK(nvidia.end_date.present);
  CHECK(r.cv.sections[6].entries[0].start_date.year == 2014);
  CHECK(r.cv.sections[4].entries[1].kind == EntryKind::Numbered);
  CHECK(r.cv.sections[7].entries.back().kind == EntryKind::Text);

  // Every entry and every bullet carries tags, so that tailoring can choose.
  for (const Section& section : r.cv.sections) {
    for (const Entry& entry : section.entries) {
      INFO(section.title << " line " << entry.loc.line);
      CHECK_FALSE(entry.tags.empty());
      for (const Highlight& h : entry.highlights) CHECK_FALSE(h.tags.empty());
    }
  }
  // The summary is text entries with tags: the one-page CV keeps its second.
  REQUIRE(r.cv.sections[0].entries.size() == 3);
  CHECK(r.cv.sections[0].entries[1].kind == EntryKind::Text);
  CHECK(r.cv.sections[0].entries[1].priority == 1);
}

TEST_CASE("diagnostics: render", "[diagnostics]") {
  const std::string source = "cv:\n  name: x\n\tdate: 2021-13\n  title: \xC3\xA9t\xC3\xA9 bad\n";
  SECTION("error with a hint") {
    const Diagnostic d{Severity::Error, {"cv.yaml", 2, 9}, "bad name", "fix it"};
    CHECK(render(d, source) ==
          "cv.yaml:2:9: error: bad name\n"
          "  name: x\n"
          "        ^\n"
          "  hint: fix it\n");
  }
  SECTION("warning without a hint; tabs are kept under the caret") {
    const Diagnostic d{Severity::Warning, {"cv.yaml", 3, 8}, "odd date", ""};
    CHECK(render(d, source) ==
          "cv.yaml:3:8: warning: odd date\n"
          "\tdate: 2021-13\n"
          "\t      ^\n");
  }
  SECTION("columns count characters, not bytes") {
    const Diagnostic d{Severity::Error, {"cv.yaml", 4, 13}, "m", ""};
    CHECK(render(d, source) ==
          "cv.yaml:4:13: error: m\n"
          "  title: \xC3\xA9t\xC3\xA9 bad\n"
          "            ^\n");
  }
  SECTION("no line or no file") {
    CHECK(render({Severity::Error, {"cv.yaml"}, "cannot read", ""}, source) ==
          "cv.yaml: error: cannot read\n");
    CHECK(render({Severity::Error, {}, "oops", "h"}, source) == "error: oops\n  hint: h\n");
    CHECK(render({Severity::Error, {"cv.yaml", 99, 1}, "far", ""}, source) ==
          "cv.yaml:99:1: error: far\n");
  }
  SECTION("a long line is shown around the caret") {
    const std::string line = std::string(1000, 'a') + "X" + std::string(1000, 'b');
    const std::string out = render({Severity::Error, {"f", 1, 1001}, "m", ""}, line);
    CHECK(out.size() < 500);
    const std::size_t shown = out.find('\n') + 1;
    const std::size_t caret = out.find('\n', shown) + 1;
    CHECK(out[shown + (out.find('^', caret) - caret)] == 'X');
  }
  SECTION("Diagnostics collects and counts") {
    Diagnostics diags;
    diags.error({"f", 1, 1}, "e");
    diags.warning({"f", 2, 1}, "w", "h");
    CHECK(diags.has_errors());
    CHECK(diags.error_count() == 1);
    CHECK(diags.warning_count() == 1);
    CHECK(diags.render("x\ny\n") == "f:1:1: error: e\nx\n^\nf:2:1: warning: w\ny\n^\n  hint: h\n");
  }
}

TEST_CASE("diagnostics: closest", "[diagnostics]") {
  const std::vector<std::string> keys{"company", "position", "date", "start_date", "url"};
  CHECK(closest("postion", keys) == "position");
  CHECK(closest("positoin", keys) == "position");
  CHECK(closest("Position", keys) == "position");
  CHECK(closest("startdate", keys) == "start_date");
  CHECK(closest("dates", keys) == "date");
  CHECK(closest("colour", keys) == "");
  CHECK(closest("x", keys) == "");
  CHECK(closest(std::string(100000, 'a'), keys) == "");
  CHECK(closest("date", {}) == "");
}

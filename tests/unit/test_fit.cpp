// The fitter: drop order, walking back, and the pinned-overflow case.
#include <catch2/catch.hpp>

#include <algorithm>

#include "fit/fit.h"
#include "layout/layout.h"
#include "style/fonts.h"
#include "test_style_fixture.h"
#include "text/font_book.h"

using namespace cvpress;

namespace {

const Style& style() { return test::classic(); }

Item item(const std::string& text, int priority) { return {plain(text), priority, {}}; }

// Sections of entries whose bullets carry the given priorities in turn.
Document document(int entries, int bullets, std::vector<int> priorities) {
  Document doc;
  doc.header.name = "Fit Test";
  int n = 0;
  for (int s = 0; s < 3; ++s) {
    DocSection section{"Section " + std::to_string(s + 1), {}};
    for (int e = 0; e < entries; ++e) {
      Block b;
      b.kind = BlockKind::Entry;
      b.title = plain("Entry " + std::to_string(s) + "." + std::to_string(e));
      b.priority = e == 0 ? 1 : priorities[(e + s) % priorities.size()];
      for (int i = 0; i < bullets; ++i) {
        const int p = priorities[n++ % priorities.size()];
        b.items.push_back(item("Bullet with priority " + std::to_string(p) +
                                   " and enough words to take a full line of the page width",
                               p));
      }
      section.blocks.push_back(b);
    }
    doc.sections.push_back(section);
  }
  return doc;
}

int count_items(const Document& doc, int priority) {
  int n = 0;
  for (const DocSection& s : doc.sections)
    for (const Block& b : s.blocks)
      for (const Item& i : b.items) n += i.priority == priority;
  return n;
}

}  // namespace

TEST_CASE("a document that fits is left alone", "[fit]") {
  FontBook fonts;
  const Document doc = document(1, 2, {1, 2, 3, 4});
  const FitResult r = fit(doc, style(), fonts, 1, false);
  CHECK(r.fits);
  for (const std::string& line : r.log) CHECK(line.rfind("dropped", 0) != 0);
  CHECK(count_items(r.doc, 4) == count_items(doc, 4));
}

TEST_CASE("priority 5 never reaches the one-page variant", "[fit]") {
  FontBook fonts;
  const Document doc = document(1, 2, {1, 5});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  CHECK(r.fits);
  CHECK(count_items(r.doc, 5) == 0);
  CHECK(count_items(r.doc, 1) == count_items(doc, 1));
}

std::vector<std::string> item_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const DocSection& s : doc.sections)
    for (const Block& b : s.blocks)
      for (const Item& i : b.items) out.push_back(plain_text(i.text));
  return out;
}

TEST_CASE("the fitter keeps priority 1, fits, and cannot keep more", "[fit]") {
  FontBook fonts;
  const Document doc = document(4, 5, {1, 2, 3, 4});
  REQUIRE(layout(doc, style(), fonts).pages.size() > 1);
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  CHECK(r.pages.pages.size() == 1);
  CHECK(count_items(r.doc, 1) == count_items(doc, 1));
  CHECK(count_items(r.doc, 2) > 0);
  CHECK_FALSE(r.log.empty());

  // Walking back leaves nothing out that would still fit: putting any one
  // dropped bullet back into its kept entry overflows the page.
  const std::vector<std::string> kept = item_texts(r.doc);
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    for (const Block& b : doc.sections[s].blocks) {
      for (size_t i = 0; i < b.items.size(); ++i) {
        const std::string text = plain_text(b.items[i].text);
        if (std::find(kept.begin(), kept.end(), text) != kept.end()) continue;
        Document more = r.doc;
        for (DocSection& section : more.sections) {
          for (Block& block : section.blocks) {
            if (!(block.title == b.title)) continue;
            block.items.insert(block.items.begin() + std::min(i, block.items.size()), b.items[i]);
          }
        }
        INFO(text);
        CHECK(layout(more, style(), fonts).pages.size() > 1);
      }
    }
  }
}

TEST_CASE("bullets go before entries, later before earlier", "[fit]") {
  FontBook fonts;
  // One section: entries of priority 3 with bullets of priority 3.
  Document doc;
  doc.header.name = "Order";
  DocSection section{"Only", {}};
  for (int e = 0; e < 12; ++e) {
    Block b;
    b.kind = BlockKind::Entry;
    b.title = plain("Entry " + std::to_string(e));
    b.priority = 3;
    for (int i = 0; i < 4; ++i)
      b.items.push_back(item("Bullet " + std::to_string(e) + "." + std::to_string(i) +
                                 " long enough to fill most of a line of text on the page here",
                             3));
    section.blocks.push_back(b);
  }
  doc.sections.push_back(section);
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  // Every entry is still there (bullets went first) ...
  CHECK(r.doc.sections[0].blocks.size() == 12);
  // ... and the kept bullets are the earliest ones.
  const std::vector<std::string> kept = item_texts(r.doc);
  REQUIRE_FALSE(kept.empty());
  CHECK(kept.front().rfind("Bullet 0.0", 0) == 0);
  CHECK(kept.size() < 48);
}

TEST_CASE("when what must stay is too long, the fit fails", "[fit]") {
  FontBook fonts;
  const Document doc = document(6, 8, {1});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  CHECK_FALSE(r.fits);
  CHECK(r.pages.pages.size() > 1);
}

TEST_CASE("spare space is shared out so the page ends near its bottom", "[fit]") {
  FontBook fonts;
  const Document doc = document(4, 5, {1, 2, 3, 4});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  const Style& s = style();
  const double text_height = s.page_height - s.margin_top - s.margin_bottom;
  CHECK(r.pages.content_bottom > s.page_height - s.margin_bottom - 0.1 * text_height);
  // Every gap stays within the style's bounds.
  for (auto [fitted, base] :
       {std::pair{r.style.block_gap, s.block_gap}, std::pair{r.style.item_gap, s.item_gap},
        std::pair{r.style.section_before, s.section_before}}) {
    CHECK(fitted.value >= base.min - 1e-9);
    CHECK(fitted.value <= base.max + 1e-9);
  }
}

TEST_CASE("a short document is stretched, not left half empty", "[fit]") {
  FontBook fonts;
  const Document doc = document(1, 2, {1});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  CHECK(r.style.block_gap.value == Approx(style().block_gap.max));
  CHECK(r.style.section_before.value == Approx(style().section_before.max));
}

TEST_CASE("an impossible budget says by how much it overflows", "[fit]") {
  FontBook fonts;
  const Document doc = document(6, 8, {1});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE_FALSE(r.fits);
  CHECK(r.overflow > 100);
  REQUIRE_FALSE(r.log.empty());
  CHECK(r.log.front().find("pt too long") != std::string::npos);
  CHECK(r.log.front().find("priority-1 entries") != std::string::npos);
}

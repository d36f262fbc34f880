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
        const int p = priorities[n % priorities.size()];
        b.items.push_back(item("Bullet " + std::to_string(n++) + " with priority " +
                                   std::to_string(p) + " and words to take a line of the page",
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

// A document of one section of these blocks.
Document one_section(std::vector<Block> blocks) {
  Document doc;
  doc.header.name = "Fit Test";
  doc.sections.push_back({"Only", std::move(blocks)});
  return doc;
}

std::vector<std::string> item_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const DocSection& s : doc.sections)
    for (const Block& b : s.blocks)
      for (const Item& i : b.items) out.push_back(plain_text(i.text));
  return out;
}

// An entry of one title line and `bullets` one-line bullets of `bullet_priority`.
Block entry(const std::string& title, int priority, int bullets = 0, int bullet_priority = 3) {
  Block b;
  b.kind = BlockKind::Entry;
  b.title = plain(title);
  b.priority = priority;
  for (int i = 0; i < bullets; ++i)
    b.items.push_back(item(title + " bullet " + std::to_string(i), bullet_priority));
  return b;
}

std::vector<std::string> titles(const Document& doc) {
  std::vector<std::string> out;
  for (const DocSection& s : doc.sections)
    for (const Block& b : s.blocks) out.push_back(plain_text(b.title));
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& text) {
  return std::find(list.begin(), list.end(), text) != list.end();
}

// `full` with only the blocks and items (named by title and text) that
// `keep` accepts, in their order; sections left empty go.
template <class Keep>
Document subset(const Document& full, Keep keep) {
  Document out = full;
  out.sections.clear();
  for (const DocSection& s : full.sections) {
    DocSection section{s.title, {}};
    for (const Block& b : s.blocks) {
      if (!keep(b, nullptr)) continue;
      Block block = b;
      block.items.clear();
      for (const Item& i : b.items)
        if (keep(b, &i)) block.items.push_back(i);
      section.blocks.push_back(block);
    }
    if (!section.blocks.empty()) out.sections.push_back(section);
  }
  return out;
}

// Checks that walking back left nothing out that fits: `r` plus any one
// dropped bullet of a kept entry, or plus any one dropped entry with the
// bullets more important than it (they come back with it), overflows the
// budget of one page at the tightest spacing, where the fitter decides.
void check_walked_back(const Document& doc, const FitResult& r, FontBook& fonts) {
  const std::vector<std::string> kept_titles = titles(r.doc), kept_items = item_texts(r.doc);
  auto kept = [&](const Block& b, const Item* i) {
    return i ? has(kept_items, plain_text(i->text)) : has(kept_titles, plain_text(b.title));
  };
  const Style tight = with_spacing(style(), -1);
  REQUIRE(item_texts(subset(doc, kept)) == kept_items);
  int entries = 0, bullets = 0;
  for (const DocSection& s : doc.sections) {
    for (const Block& b : s.blocks) {
      if (b.priority == 5) continue;  // full CV only
      if (!kept(b, nullptr)) {
        ++entries;
        INFO("entry " << plain_text(b.title));
        const Document more = subset(doc, [&](const Block& x, const Item* i) {
          if (&x != &b) return kept(x, i);
          return !i || i->priority < b.priority;
        });
        CHECK(layout(more, tight, fonts).pages.size() > 1);
        continue;
      }
      for (const Item& item : b.items) {
        if (kept(b, &item) || item.priority == 5) continue;
        ++bullets;
        INFO("bullet " << plain_text(item.text));
        const Document more =
            subset(doc, [&](const Block& x, const Item* i) { return i == &item || kept(x, i); });
        CHECK(layout(more, tight, fonts).pages.size() > 1);
      }
    }
  }
  CHECK(entries + bullets > 0);
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
}

TEST_CASE("walking back leaves out no bullet that fits at the tight spacing", "[fit]") {
  FontBook fonts;
  const Document doc = document(4, 5, {1, 2, 3, 4});
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  check_walked_back(doc, r, fonts);
}

TEST_CASE("walking back leaves out no entry that fits at the tight spacing", "[fit]") {
  FontBook fonts;
  // Entries of 0 to 3 bullets and of every priority, in three sections:
  // whole entries must go, and smaller ones may come back.
  Document doc;
  doc.header.name = "Walk";
  for (int s = 0; s < 3; ++s) {
    DocSection section{"Section " + std::to_string(s), {}};
    for (int e = 0; e < 14; ++e) {
      const int n = (e * 7 + s) % 4;
      section.blocks.push_back(entry("Entry " + std::to_string(s) + "." + std::to_string(e),
                                     2 + (e + s) % 3, n, 2 + (e + 2 * s) % 3));
      if (e % 3 == 0) section.blocks.back().paragraphs.push_back(plain("A line under it."));
    }
    doc.sections.push_back(section);
  }
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  REQUIRE(titles(r.doc).size() < 42);
  check_walked_back(doc, r, fonts);
}

TEST_CASE("the fitter judges by layouts what its heights cannot see", "[fit]") {
  FontBook fonts;
  // Untitled sections leave no mark in the outline the heights are measured
  // by: the fitter falls back on trial layouts, and decides the same way.
  Document doc = document(4, 5, {1, 2, 3, 4});
  for (DocSection& s : doc.sections) s.title.clear();
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  CHECK(r.pages.pages.size() == 1);
  check_walked_back(doc, r, fonts);
}

TEST_CASE("a budget that does not bind adds no page", "[fit]") {
  FontBook fonts;
  const Document doc = document(6, 4, {2, 3});
  const size_t pages = layout(doc, style(), fonts).pages.size();
  REQUIRE(pages >= 2);
  const FitResult r = fit(doc, style(), fonts, 10, false);
  REQUIRE(r.fits);
  CHECK(r.pages.pages.size() == pages);
  CHECK(item_texts(r.doc) == item_texts(doc));
  // Spare space on its last page is shared out, never more than the style allows.
  CHECK(r.style.block_gap.value >= style().block_gap.value);
  CHECK(r.style.block_gap.value <= style().block_gap.max + 1e-9);
}

TEST_CASE("bullets go before entries, later before earlier", "[fit]") {
  FontBook fonts;
  // One section: entries of priority 3 with bullets of priority 3.
  std::vector<Block> blocks;
  for (int e = 0; e < 12; ++e) {
    Block b;
    b.kind = BlockKind::Entry;
    b.title = plain("Entry " + std::to_string(e));
    for (int i = 0; i < 4; ++i)
      b.items.push_back(item("Bullet " + std::to_string(e) + "." + std::to_string(i) +
                                 " long enough to fill most of a line of text on the page here",
                             3));
    blocks.push_back(b);
  }
  const Document doc = one_section(blocks);
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

TEST_CASE("a priority-5 entry never reaches the one-page CV, whatever its bullets", "[fit]") {
  FontBook fonts;
  const Document doc = one_section({entry("Pinned", 1, 1), entry("Full only", 5, 3, 3),
                                    entry("Full only, pinned bullet", 5, 2, 1)});
  const FitResult onepage = fit(doc, style(), fonts, 1, true);
  REQUIRE(onepage.fits);
  CHECK(titles(onepage.doc) == std::vector<std::string>{"Pinned"});
  // The full CV keeps them when they fit.
  const FitResult full = fit(doc, style(), fonts, 1, false);
  REQUIRE(full.fits);
  CHECK(titles(full.doc).size() == 3);
}

TEST_CASE("entries go by their own priority: 4, then 3, then 2, later before earlier", "[fit]") {
  FontBook fonts;
  // 60 entries of one size, priorities 2, 3, 4 in turn: about half must go.
  std::vector<Block> blocks;
  for (int e = 0; e < 60; ++e) {
    blocks.push_back(entry("Entry " + std::to_string(e), 2 + e % 3));
    blocks.back().paragraphs.push_back(plain("A paragraph of one line under the entry."));
  }
  const Document doc = one_section(blocks);
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  const std::vector<std::string> kept = titles(r.doc);
  REQUIRE(kept.size() > 20);
  REQUIRE(kept.size() < 40);
  // Every priority 4 is gone and every priority 2 stays; of priority 3,
  // the earliest stay.
  bool dropped_3 = false;
  for (int e = 0; e < 60; ++e) {
    const std::string title = "Entry " + std::to_string(e);
    INFO(title);
    const int p = 2 + e % 3;
    if (p == 4) CHECK_FALSE(has(kept, title));
    if (p == 2) CHECK(has(kept, title));
    if (p != 3) continue;
    if (dropped_3) CHECK_FALSE(has(kept, title));
    dropped_3 = dropped_3 || !has(kept, title);
  }
  CHECK(dropped_3);
}

TEST_CASE("important bullets do not promote their entry", "[fit]") {
  FontBook fonts;
  // Even entries: priority 3 with five priority-3 bullets; odd ones:
  // priority 4 with two priority-2 bullets. The priority-4 entries go first,
  // bullets and all, then the latest priority-3 bullets.
  std::vector<Block> blocks;
  for (int e = 0; e < 24; ++e) {
    const bool odd = e % 2;
    blocks.push_back(entry("Entry " + std::to_string(e), odd ? 4 : 3, odd ? 2 : 5, odd ? 2 : 3));
  }
  const Document doc = one_section(blocks);
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  const std::vector<std::string> kept = titles(r.doc);
  const std::vector<std::string> bullets = item_texts(r.doc);
  for (int e = 0; e < 24; ++e) CHECK(has(kept, "Entry " + std::to_string(e)) == (e % 2 == 0));
  // The kept priority-3 bullets are the earliest ones: later went first.
  std::vector<std::string> all;
  for (int e = 0; e < 24; e += 2)
    for (int i = 0; i < 5; ++i)
      all.push_back("Entry " + std::to_string(e) + " bullet " + std::to_string(i));
  REQUIRE(bullets.size() < all.size());
  REQUIRE_FALSE(bullets.empty());
  CHECK(bullets == std::vector<std::string>(all.begin(), all.begin() + bullets.size()));
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
  // It names what is pinned ...
  CHECK(r.log.front().find("pinned: 18 entries (Entry 0.0, Entry 0.1, ") != std::string::npos);
  CHECK(r.log.front().find(", ...) and 144 bullets") != std::string::npos);
  // ... and measures the overflow on one endless page at the tightest spacing.
  Style endless = with_spacing(style(), -1);
  endless.page_height = 1e6;
  const double bottom = style().page_height - style().margin_bottom;
  CHECK(r.overflow == Approx(layout(r.doc, endless, fonts).content_bottom - bottom));
}

TEST_CASE("a bullet's sub-bullets count in its height and go with it", "[fit]") {
  // Every bullet has four sub-bullets: measured without them, the fitter
  // would keep about five times too many bullets for one page.
  Document doc = document(6, 4, {1, 3, 4, 2});
  for (DocSection& s : doc.sections)
    for (Block& b : s.blocks)
      for (Item& i : b.items)
        if (i.priority != 1)
          for (int k = 0; k < 4; ++k)
            i.subitems.push_back(
                plain("sub-bullet " + std::to_string(k) + " of " + plain_text(i.text)));
  FontBook fonts;
  const FitResult r = fit(doc, style(), fonts, 1, true);
  REQUIRE(r.fits);
  CHECK(r.pages.pages.size() == 1);
  CHECK(count_items(r.doc, 3) < count_items(doc, 3));
  for (const DocSection& s : r.doc.sections)
    for (const Block& b : s.blocks)
      for (const Item& i : b.items) {
        INFO(plain_text(i.text));
        CHECK(i.subitems.size() == (i.priority == 1 ? 0u : 4u));
        for (const RichText& sub : i.subitems) CHECK(plain_text(sub).ends_with(plain_text(i.text)));
      }
}

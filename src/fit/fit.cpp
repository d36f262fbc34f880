#include "fit/fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "layout/layout.h"

#include <memory>

namespace cvpress {
namespace {

// A droppable piece: a whole block (item < 0) or one of its items.
struct Candidate {
  size_t section, block;
  int item;
  int priority;
};

// Where an entry falls in the drop order: by its own priority, except that a
// priority-1 bullet pins it (a bullet cannot stay without its entry), unless
// the entry is priority 5: full-CV only wins, and the bullet goes with it.
// Its other bullets never promote it: they are dropped on their own turn, or
// with the entry.
int block_priority(const Block& b) {
  if (b.priority == 5) return 5;
  const bool pinned_bullet =
      std::any_of(b.items.begin(), b.items.end(), [](const Item& i) { return i.priority == 1; });
  return pinned_bullet ? 1 : b.priority;
}

std::vector<Candidate> drop_order(const Document& doc) {
  std::vector<Candidate> order;
  for (int p = 5; p >= 2; --p) {
    for (int whole = 0; whole < 2; ++whole) {  // bullets first, then blocks
      for (size_t s = doc.sections.size(); s-- > 0;) {
        const auto& blocks = doc.sections[s].blocks;
        for (size_t b = blocks.size(); b-- > 0;) {
          if (whole) {
            if (block_priority(blocks[b]) == p) order.push_back({s, b, -1, p});
            continue;
          }
          for (size_t i = blocks[b].items.size(); i-- > 0;) {
            if (blocks[b].items[i].priority == p) order.push_back({s, b, static_cast<int>(i), p});
          }
        }
      }
    }
  }
  return order;
}

// The candidate, if any, that each block and each item is (-1: none), with
// blocks numbered through the document and items through each block. Made
// once per fit, so that without() costs a look-up per block.
struct Slots {
  std::vector<size_t> first_block;  // per section
  std::vector<size_t> first_item;   // per block
  std::vector<long> block, item;
};

Slots slots_of(const Document& doc, const std::vector<Candidate>& order) {
  Slots slots;
  for (const DocSection& section : doc.sections) {
    slots.first_block.push_back(slots.first_item.size());
    for (const Block& b : section.blocks) {
      slots.first_item.push_back(slots.item.size());
      slots.item.resize(slots.item.size() + b.items.size(), -1);
    }
  }
  slots.block.assign(slots.first_item.size(), -1);
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t block = slots.first_block[order[k].section] + order[k].block;
    if (order[k].item < 0) {
      slots.block[block] = static_cast<long>(k);
    } else {
      slots.item[slots.first_item[block] + static_cast<size_t>(order[k].item)] =
          static_cast<long>(k);
    }
  }
  return slots;
}

// Which candidates are dropped, one flag per candidate of the drop order
// (bytes, not std::vector<bool>: without() reads one per block and item).
using Drops = std::vector<char>;

// The document without the dropped candidates. Called once per layout the
// fitter tries, on documents of which most is dropped: it copies only what
// stays, each vector made at its final size.
Document without(const Document& doc, const Slots& slots, const Drops& dropped) {
  auto gone = [&](long candidate) { return candidate >= 0 && dropped[candidate]; };
  Document out;  // every member of doc but its sections
  out.header = doc.header;
  out.meta = doc.meta;
  out.footer = doc.footer;
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    const std::vector<Block>& blocks = doc.sections[s].blocks;
    const long* candidates = slots.block.data() + slots.first_block[s];
    const size_t kept = static_cast<size_t>(
        std::count_if(candidates, candidates + blocks.size(), [&](long c) { return !gone(c); }));
    if (kept == 0) continue;
    DocSection& section = out.sections.emplace_back(DocSection{doc.sections[s].title, {}});
    section.blocks.reserve(kept);
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (gone(candidates[b])) continue;
      const long* item_candidates = slots.item.data() + slots.first_item[slots.first_block[s] + b];
      const std::vector<Item>& items = blocks[b].items;
      if (std::none_of(item_candidates, item_candidates + items.size(), gone)) {
        section.blocks.push_back(blocks[b]);
        continue;
      }
      Block& block = section.blocks.emplace_back();
      block = blocks[b];  // then the dropped items go
      size_t to = 0;
      for (size_t i = 0; i < items.size(); ++i) {
        if (gone(item_candidates[i])) continue;
        if (to != i) block.items[to] = std::move(block.items[i]);
        ++to;
      }
      block.items.resize(to);
    }
  }
  return out;
}

std::string shorten(std::string text) {
  if (text.size() > 60) {
    size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// "entry 3 of Awards (priority 4): Software Elite Award", or for a bullet
// "bullet 2 of Experience / NVIDIA (priority 3): ...".
std::string describe(const Document& doc, const Candidate& c) {
  const DocSection& section = doc.sections[c.section];
  const Block& b = section.blocks[c.block];
  const std::string name =
      plain_text(b.title.empty() && !b.paragraphs.empty() ? b.paragraphs.front() : b.title);
  if (c.item < 0) {
    return fmt::format("entry {} of {} (priority {}): {}", c.block + 1, section.title, c.priority,
                       shorten(name));
  }
  return fmt::format("bullet {} of {} / {} (priority {}): {}", c.item + 1, section.title,
                     shorten(name), c.priority, shorten(plain_text(b.items[c.item].text)));
}

// Points of content that do not fit in `budget` pages: the height the
// overflowing pages use, counted from the top of the first of them.
double overflow(const Pages& pages, const Style& style, int budget) {
  const int extra = static_cast<int>(pages.pages.size()) - budget;
  if (extra <= 0) return 0;
  const double text_height = style.page_height - style.margin_top - style.margin_bottom;
  return (extra - 1) * text_height + (pages.content_bottom - style.margin_top);
}

std::string pinned_summary(const Document& doc) {
  int blocks = 0, items = 0;
  for (const DocSection& s : doc.sections) {
    for (const Block& b : s.blocks) {
      blocks += block_priority(b) == 1;
      for (const Item& i : b.items) items += i.priority == 1;
    }
  }
  return fmt::format("{} priority-1 entries and {} priority-1 bullets are pinned", blocks, items);
}

}  // namespace

Style with_spacing(const Style& style, double t) {
  Style out = style;
  for (Gap* g : {&out.header_gap, &out.header_after, &out.section_before, &out.section_after,
                 &out.block_gap, &out.item_gap}) {
    g->value = t < 0 ? g->value + t * (g->value - g->min) : g->value + t * (g->max - g->value);
  }
  return out;
}

FitResult fit(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
              bool drop_full_only, const FitOptions& options) {
  const std::vector<Candidate> order = drop_order(doc);
  const Slots slots = slots_of(doc, order);
  std::shared_ptr<LayoutCache> own_cache;
  if (!options.cache) own_cache = make_layout_cache();
  LayoutCache* const cache = options.cache ? options.cache : own_cache.get();
  const Style tight = with_spacing(style, -1);
  auto layout_of = [&](const Drops& drop, const Style& s) {
    return measure_layout(without(doc, slots, drop), s, fonts, cache);
  };
  auto fits = [&](const Drops& drop) {
    return static_cast<int>(layout_of(drop, tight).pages.size()) <= max_pages;
  };
  auto prefix = [&](size_t k) {
    Drops d(order.size(), 0);
    std::fill(d.begin(), d.begin() + static_cast<long>(k), 1);
    return d;
  };

  // Priority 5 never reaches the one-page variant.
  size_t forced = 0;
  if (drop_full_only) {
    while (forced < order.size() && order[forced].priority == 5) ++forced;
  }
  // The fewest drops, as a prefix of the order, that fit with the tightest
  // spacing (binary search: more drops never need more pages).
  size_t lo = forced, hi = order.size();
  if (!fits(prefix(lo))) {
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (fits(prefix(mid))) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
  }
  Drops dropped = prefix(lo);
  // Walk back: the most important drops first, each kept if it fits again.
  // A bullet whose entry stays dropped (entries come later in the order, so
  // they are decided first) changes nothing: it is restored without a layout
  // when what is kept is known to fit (the search found a prefix that fits;
  // each step keeps it so).
  const bool kept_fits = lo < order.size();
  for (size_t k = lo; k-- > forced;) {
    dropped[k] = 0;
    if (kept_fits && order[k].item >= 0) {
      const long entry = slots.block[slots.first_block[order[k].section] + order[k].block];
      if (entry >= 0 && dropped[entry]) continue;
    }
    if (!fits(dropped)) dropped[k] = 1;
  }

  FitResult result;
  result.doc = without(doc, slots, dropped);
  // Share the spare space out: the loosest spacing that keeps the pages the
  // budget allows, but never more than the style's own spacing needs (a
  // budget that is not binding adds no page).
  auto pages_at = [&](double t) {
    return static_cast<int>(
        measure_layout(result.doc, with_spacing(style, t), fonts, cache).pages.size());
  };
  const int target = std::min(max_pages, pages_at(0));
  double low = -1, high = 1;
  if (pages_at(high) <= target) low = high;
  for (int i = 0; i < 24 && high - low > 1e-4; ++i) {
    const double mid = (low + high) / 2;
    (pages_at(mid) <= target ? low : high) = mid;
  }
  result.style = with_spacing(style, low);
  result.pages = layout(result.doc, result.style, fonts, cache);
  result.fits = static_cast<int>(result.pages.pages.size()) <= max_pages;
  if (!result.fits) {
    result.overflow = overflow(result.pages, result.style, max_pages);
    result.log.push_back(fmt::format("cannot fit {} page{}: {:.1f} pt too long; {}", max_pages,
                                     max_pages == 1 ? "" : "s", result.overflow,
                                     pinned_summary(result.doc)));
  }

  // Explain each drop, when asked with the height it would add back
  // (measured on one endless page, so page breaks do not blur it).
  Style endless = result.style;
  endless.page_height = 1e7;
  const double height =
      options.explain ? measure_layout(result.doc, endless, fonts, cache).content_bottom : 0;
  // The item candidates of each block, and the dropped blocks.
  std::map<std::pair<size_t, size_t>, std::vector<size_t>> items_of;
  std::set<std::pair<size_t, size_t>> gone;
  for (size_t k = 0; k < order.size(); ++k) {
    if (order[k].item >= 0) items_of[{order[k].section, order[k].block}].push_back(k);
    if (order[k].item < 0 && dropped[k]) gone.insert({order[k].section, order[k].block});
  }
  for (size_t k = 0; k < order.size(); ++k) {
    if (!dropped[k]) continue;
    if (order[k].item >= 0 && gone.count({order[k].section, order[k].block}))
      continue;  // said with its entry
    std::string why = k < forced ? "full CV only" : "to fit";
    if (k >= forced && options.explain) {
      Drops back = dropped;
      back[k] = 0;
      if (order[k].item < 0) {  // the entry comes back with its kept bullets
        for (size_t j : items_of[{order[k].section, order[k].block}]) {
          if (j >= lo) back[j] = 0;
        }
      }
      why += fmt::format(", frees {:.1f} pt", layout_of(back, endless).content_bottom - height);
    }
    result.log.push_back("dropped " + describe(doc, order[k]) + " - " + why);
  }
  result.log.push_back(
      fmt::format("spacing: {:+.0f}% of the style's range ({} of {} candidates kept)", low * 100,
                  std::count(dropped.begin(), dropped.end(), 0), dropped.size()));
  return result;
}

}  // namespace cvpress

#include "fit/fit.h"

#include <fmt/format.h>

#include <algorithm>

#include "layout/layout.h"

namespace cvpress {
namespace {

// A droppable piece: a whole block (item < 0) or one of its items.
struct Candidate {
  size_t section, block;
  int item;
  int priority;
};

// A block goes no earlier than its most important item: a priority-1 bullet
// pins its entry.
int block_priority(const Block& b) {
  int p = b.priority;
  for (const Item& i : b.items) p = std::min(p, i.priority);
  return p;
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

Document without(const Document& doc, const std::vector<Candidate>& order,
                 const std::vector<bool>& dropped) {
  std::vector<std::vector<bool>> block_gone(doc.sections.size());
  std::vector<std::vector<std::vector<bool>>> item_gone(doc.sections.size());
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    block_gone[s].assign(doc.sections[s].blocks.size(), false);
    item_gone[s].resize(doc.sections[s].blocks.size());
    for (size_t b = 0; b < doc.sections[s].blocks.size(); ++b)
      item_gone[s][b].assign(doc.sections[s].blocks[b].items.size(), false);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    if (!dropped[k]) continue;
    const Candidate& c = order[k];
    if (c.item < 0) {
      block_gone[c.section][c.block] = true;
    } else {
      item_gone[c.section][c.block][c.item] = true;
    }
  }
  Document out = doc;
  out.sections.clear();
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    DocSection section{doc.sections[s].title, {}};
    for (size_t b = 0; b < doc.sections[s].blocks.size(); ++b) {
      if (block_gone[s][b]) continue;
      Block block = doc.sections[s].blocks[b];
      block.items.clear();
      for (size_t i = 0; i < doc.sections[s].blocks[b].items.size(); ++i) {
        if (!item_gone[s][b][i]) block.items.push_back(doc.sections[s].blocks[b].items[i]);
      }
      section.blocks.push_back(std::move(block));
    }
    if (!section.blocks.empty()) out.sections.push_back(std::move(section));
  }
  return out;
}

std::string describe(const Document& doc, const Candidate& c) {
  const Block& b = doc.sections[c.section].blocks[c.block];
  std::string what = c.item < 0 ? plain_text(b.title.empty() && !b.paragraphs.empty()
                                                 ? b.paragraphs.front()
                                                 : b.title)
                                : plain_text(b.items[c.item].text);
  if (what.size() > 60) what = what.substr(0, 57) + "...";
  return fmt::format("{} (priority {}, {} of {}): {}", c.item < 0 ? "entry" : "bullet", c.priority,
                     c.item < 0 ? fmt::format("entry {}", c.block + 1)
                                : fmt::format("bullet {}", c.item + 1),
                     doc.sections[c.section].title, what);
}

}  // namespace

FitResult fit(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
              bool drop_full_only) {
  const std::vector<Candidate> order = drop_order(doc);
  std::vector<bool> dropped(order.size(), false);
  size_t forced = 0;  // priority 5 in the one-page variant: always dropped
  if (drop_full_only) {
    while (forced < order.size() && order[forced].priority == 5) dropped[forced++] = true;
  }
  auto pages_with = [&](const std::vector<bool>& drop) {
    return static_cast<int>(layout(without(doc, order, drop), style, fonts).pages.size());
  };

  FitResult result;
  for (size_t k = 0; k < forced; ++k) result.log.push_back("dropped " + describe(doc, order[k]) + " — full CV only");

  // The fewest drops (a prefix of the order) that fit: binary search.
  size_t lo = forced, hi = order.size();
  auto prefix = [&](size_t k) {
    std::vector<bool> d(order.size(), false);
    for (size_t i = 0; i < k; ++i) d[i] = true;
    return d;
  };
  if (pages_with(prefix(lo)) > max_pages) {
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (pages_with(prefix(mid)) <= max_pages) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
  }
  dropped = prefix(lo);
  // Walk back: restore the most important drops that fit again.
  for (size_t k = lo; k-- > forced;) {
    dropped[k] = false;
    if (pages_with(dropped) > max_pages) dropped[k] = true;
  }
  for (size_t k = forced; k < order.size(); ++k) {
    if (dropped[k]) result.log.push_back("dropped " + describe(doc, order[k]) + " — to fit");
  }
  result.doc = without(doc, order, dropped);
  result.pages = layout(result.doc, style, fonts);
  result.fits = static_cast<int>(result.pages.pages.size()) <= max_pages;
  return result;
}

}  // namespace cvpress

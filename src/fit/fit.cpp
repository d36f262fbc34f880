#include "fit/fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "layout/layout.h"

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

  size_t block_of(const Candidate& c) const { return first_block[c.section] + c.block; }
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
    const size_t block = slots.block_of(order[k]);
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
  out.fallback = doc.fallback;
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

// ---------------------------------------------------------------------------
// Heights. On one endless page (no page breaks) the document's height is a
// sum: each section adds its title, its gaps and its blocks, each block its
// lines and inner gaps, each bullet its lines and item_gap (layout.h). So the
// height of any selection follows from the heights of the pieces, measured
// once, and one page's budget is met exactly when that height is at most the
// bottom of the text area. The fitter selects on these numbers and confirms
// the result with a real layout.

// What each piece of the document adds to its height on one endless page,
// at one spacing.
struct Heights {
  std::vector<double> block;    // per block: its lines and inner gaps, not the gap before it
  std::vector<double> item;     // per item: its lines and the item_gap before it
  std::vector<double> section;  // per section: all of it, with section_before (what it frees)
  double full = 0;              // the last baseline of the whole document
  double block_gap = 0;
  bool consistent = false;  // the pieces add up to what the layout measured
};

Style endless(Style style) {
  style.page_height = 1e7;
  return style;
}

// An item set as a block of its own: a Bullet block is laid out as an item is
// (layout.h), but after the gap of a block.
Block as_block(const Item& item) {
  Block b;
  b.kind = BlockKind::Bullet;
  b.paragraphs = {item.text};
  for (const RichText& sub : item.subitems) b.items.push_back({sub, item.priority, item.loc});
  return b;
}

// Measures with two layouts on one endless page: the document, and probes:
// sections that each hold one piece of it under its section's title. The
// distance from a section title to the next is the title, its gaps and its
// blocks, so per section the probes [b0] and [b0, b0] give the height of its
// first block and of the rest; [b] every other block; [item] every item. The
// document's own distances between titles check the sums.
Heights measure_heights(const Document& doc, const Slots& slots, const Style& style,
                        FontBook& fonts, LayoutCache* cache) {
  const Style tall = endless(style);
  Heights h;
  h.block_gap = style.block_gap.value;
  h.block.assign(slots.first_item.size(), 0);
  h.item.assign(slots.item.size(), 0);
  h.section.assign(doc.sections.size(), 0);
  const Pages whole = measure_layout(doc, tall, fonts, cache);
  h.full = whole.content_bottom;

  Document probes;
  probes.fallback = doc.fallback;
  std::vector<size_t> laid_out;  // the sections the layout shows (it skips empty ones)
  for (size_t s = 0; s < doc.sections.size(); ++s) {
    const DocSection& section = doc.sections[s];
    if (section.blocks.empty()) continue;
    laid_out.push_back(s);
    auto probe = [&](std::vector<Block> blocks) {
      probes.sections.push_back({section.title, std::move(blocks)});
    };
    probe({section.blocks[0]});
    probe({section.blocks[0], section.blocks[0]});
    for (size_t b = 1; b < section.blocks.size(); ++b) probe({section.blocks[b]});
    for (const Block& b : section.blocks)
      for (const Item& i : b.items) probe({as_block(i)});
  }
  if (laid_out.empty() || whole.outline.size() != laid_out.size()) return h;
  probes.sections.push_back(probes.sections.front());  // ends the last probe
  const std::vector<OutlineEntry> titles = measure_layout(probes, tall, fonts, cache).outline;
  if (titles.size() != probes.sections.size()) return h;

  // The distance from each probe's title to the next.
  std::vector<double> step(titles.size() - 1);
  for (size_t k = 0; k + 1 < titles.size(); ++k) step[k] = titles[k + 1].y - titles[k].y;
  size_t at = 0;
  bool consistent = true;
  for (size_t n = 0; n < laid_out.size(); ++n) {
    const size_t s = laid_out[n];
    const std::vector<Block>& blocks = doc.sections[s].blocks;
    const size_t first = slots.first_block[s];
    // [b0] = base + h0 and [b0, b0] = base + 2 h0 + block_gap, where base is
    // the title, section_after and section_before
    const double h0 = step[at + 1] - step[at] - h.block_gap;
    const double base = step[at] - h0;
    at += 2;
    h.block[first] = h0;
    for (size_t b = 1; b < blocks.size(); ++b) h.block[first + b] = step[at++] - base;
    for (size_t b = 0; b < blocks.size(); ++b) {
      for (size_t i = 0; i < blocks[b].items.size(); ++i)
        h.item[slots.first_item[first + b] + i] = step[at++] - base + style.item_gap.value;
    }
    double sum = base;
    for (size_t b = 0; b < blocks.size(); ++b) sum += h.block[first + b] + (b ? h.block_gap : 0);
    h.section[s] = sum;
    if (n + 1 < laid_out.size()) {
      consistent =
          consistent && std::abs(sum - (whole.outline[n + 1].y - whole.outline[n].y)) < 1e-6;
    }
  }
  h.consistent = consistent;
  return h;
}

// Which candidates are dropped, and the height on one endless page that this
// leaves (from Heights), kept up to date as candidates go and come back.
class Tracker {
 public:
  Tracker(const Heights& heights, const Slots& slots, const std::vector<Candidate>& order)
      : h_(heights), slots_(slots), order_(order), dropped_(order.size(), 0) {
    block_gone_.assign(slots.first_item.size(), 0);
    items_gone_.assign(slots.first_item.size(), 0);
    for (size_t s = 0; s < slots.first_block.size(); ++s) {
      const size_t end =
          s + 1 < slots.first_block.size() ? slots.first_block[s + 1] : slots.first_item.size();
      kept_blocks_.push_back(static_cast<int>(end - slots.first_block[s]));
    }
    inner_ = h_.section;
    height_ = h_.full;
  }

  double height() const { return height_; }
  const Drops& drops() const { return dropped_; }

  // Whether the block of candidate k (its own block, for a bullet) is dropped.
  bool block_dropped(size_t k) const { return block_gone_[slots_.block_of(order_[k])]; }

  void set(size_t k, bool drop) {
    if (dropped_[k] == drop) return;
    dropped_[k] = drop;
    const Candidate& c = order_[k];
    const size_t block = slots_.block_of(c);
    const double sign = drop ? -1 : 1;
    if (c.item >= 0) {
      const double item = h_.item[slots_.first_item[block] + static_cast<size_t>(c.item)];
      items_gone_[block] -= sign * item;
      if (!block_gone_[block]) change(c.section, sign * item, 0);
      return;
    }
    block_gone_[block] = drop;
    change(c.section, sign * (h_.block[block] + h_.block_gap - items_gone_[block]), drop ? -1 : 1);
  }

  // The height that candidate k adds to what stays: what dropping it frees,
  // or what walking it back in would take.
  double weight(size_t k) {
    const bool was = dropped_[k];
    const double before = height_;
    set(k, !was);
    const double after = height_;
    set(k, was);
    return std::abs(after - before);
  }

  // Drops exactly the first k candidates of the order.
  void to_prefix(size_t k) {
    for (size_t j = 0; j < order_.size(); ++j) set(j, j < k);
  }

 private:
  // Section s grows by `amount` and gains `blocks` kept blocks: it adds its
  // height only while it keeps one.
  void change(size_t s, double amount, int blocks) {
    const double before = kept_blocks_[s] > 0 ? inner_[s] : 0;
    inner_[s] += amount;
    kept_blocks_[s] += blocks;
    height_ += (kept_blocks_[s] > 0 ? inner_[s] : 0) - before;
  }

  const Heights& h_;
  const Slots& slots_;
  const std::vector<Candidate>& order_;
  Drops dropped_;
  std::vector<char> block_gone_;    // per block
  std::vector<double> items_gone_;  // per block: the heights of its dropped items
  std::vector<int> kept_blocks_;    // per section
  std::vector<double> inner_;       // per section: its height with what it keeps
  double height_ = 0;
};

// The most that `pages` pages can hold, as a height on one endless page:
// exact for one page; for more, each page break may discard a gap and a
// leading at the top of the next page, which this allows for, so a
// selection taller than this cannot fit.
double room(const Style& style, int pages) {
  const double bottom = style.page_height - style.margin_bottom;
  if (pages <= 1) return bottom;
  double gap = 0, leading = 0;
  for (const Gap* g : {&style.header_gap, &style.header_after, &style.section_before,
                       &style.section_after, &style.block_gap, &style.item_gap})
    gap = std::max(gap, g->value);
  for (const TextStyle* t :
       {&style.name_text, &style.headline_text, &style.tagline_text, &style.contact_text,
        &style.section_text, &style.body, &style.title_text, &style.subtitle_text, &style.date_text,
        &style.location_text})
    leading = std::max(leading, t->leading);
  const double ascent = style.faces[static_cast<int>(style.body.face)].ascent * style.body.size;
  return bottom + (pages - 1) * (bottom - style.margin_top - ascent + gap + leading);
}

// ---------------------------------------------------------------------------
// Words for --explain.

std::string shorten(std::string text, size_t most = 60) {
  if (text.size() > most) {
    size_t cut = most - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    text = text.substr(0, cut) + "...";
  }
  return text;
}

std::string name_of(const Block& b) {
  return plain_text(b.title.empty() && !b.paragraphs.empty() ? b.paragraphs.front() : b.title);
}

// "entry 3 of Awards (priority 4): Software Elite Award", or for a bullet
// "bullet 2 of Experience / NVIDIA (priority 3): ...". `note` goes after the
// priority.
std::string describe(const Document& doc, const Candidate& c, const std::string& note = "") {
  const DocSection& section = doc.sections[c.section];
  const Block& b = section.blocks[c.block];
  if (c.item < 0) {
    return fmt::format("entry {} of {} (priority {}{}): {}", c.block + 1, section.title, c.priority,
                       note, shorten(name_of(b)));
  }
  return fmt::format("bullet {} of {} / {} (priority {}{}): {}", c.item + 1, section.title,
                     shorten(name_of(b), 32), c.priority, note,
                     shorten(plain_text(b.items[c.item].text), 50));
}

// "pinned: 3 entries (NVIDIA, Huawei..., GVR) and 12 bullets": what stays in
// `doc` (everything that may go is gone).
std::string pinned_summary(const Document& doc) {
  std::vector<std::string> names;
  size_t bullets = 0;
  for (const DocSection& s : doc.sections) {
    for (const Block& b : s.blocks) {
      names.push_back(shorten(name_of(b), 30));
      bullets += b.items.size();
    }
  }
  constexpr size_t kNamed = 6;
  std::string list;
  for (size_t i = 0; i < names.size() && i < kNamed; ++i) list += (i ? ", " : "") + names[i];
  if (names.size() > kNamed) list += ", ...";
  return fmt::format("pinned: {} entr{}{} and {} bullet{}", names.size(),
                     names.size() == 1 ? "y" : "ies", names.empty() ? "" : " (" + list + ")",
                     bullets, bullets == 1 ? "" : "s");
}

// One fit: the document, its drop order, and the layouts it makes.
class Fitter {
 public:
  Fitter(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
         bool drop_full_only, LayoutCache* cache)
      : doc_(doc),
        style_(style),
        tight_(with_spacing(style, -1)),
        fonts_(fonts),
        cache_(cache),
        max_pages_(max_pages),
        order_(drop_order(doc)),
        slots_(slots_of(doc, order_)) {
    // Priority 5 never reaches the one-page variant.
    if (drop_full_only) {
      while (forced_ < order_.size() && order_[forced_].priority == 5) ++forced_;
    }
  }

  // With `measure`, the log says the height each decision frees or takes.
  FitResult run(bool measure);

 private:
  // Whether the selection the tracker holds fits the budget at the tightest
  // spacing, where the fitter decides (what fits there may stay). With the
  // heights, one page needs no layout (it has no page breaks); more pages
  // need one whenever the heights allow the selection.
  bool fits(const Tracker& t, bool use_heights) {
    if (use_heights && t.height() > room_ + kSlack) return false;
    if (use_heights && max_pages_ == 1) return true;
    return pages(without(doc_, slots_, t.drops()), tight_) <= max_pages_;
  }

  int pages(const Document& doc, const Style& style) {
    ++passes_;
    return static_cast<int>(measure_layout(doc, style, fonts_, cache_).pages.size());
  }

  bool shortest_prefix(Tracker& t, bool use_heights, size_t& lo);
  std::vector<size_t> walk_back(Tracker& t, bool use_heights, size_t lo);
  double stretch(const Document& kept);
  void explain(FitResult& result, const Drops& dropped, std::vector<size_t> walked_back,
               bool measure);

  static constexpr double kSlack = 1e-6;  // the layout's own tolerance at the bottom margin

  const Document& doc_;
  const Style& style_;
  const Style tight_;
  FontBook& fonts_;
  LayoutCache* cache_;
  const int max_pages_;
  const std::vector<Candidate> order_;
  const Slots slots_;
  size_t forced_ = 0;  // the first candidates of the order, priority 5, dropped outright
  double room_ = 0;    // room(tight_, max_pages_)
  int passes_ = 0;     // layouts made, for the log
};

// Drops the fewest candidates, as a prefix of the order, that fit (more
// drops never need more pages): from the first prefix the heights allow,
// galloping, then halving. Leaves `t` at that prefix, `lo` its length, and
// says whether it fits; when nothing does, everything droppable is dropped.
bool Fitter::shortest_prefix(Tracker& t, bool use_heights, size_t& lo) {
  lo = forced_;
  t.to_prefix(lo);
  if (use_heights) {
    while (lo < order_.size() && t.height() > room_ + kSlack) t.set(lo++, true);
  }
  if (fits(t, use_heights)) return true;
  size_t bad = lo, step = 1;
  bool fitting = false;
  while (bad < order_.size() && !fitting) {
    const size_t next = std::min(order_.size(), bad + step);
    t.to_prefix(next);
    fitting = fits(t, use_heights);
    (fitting ? lo : bad) = next;
    step *= 2;
  }
  while (fitting && lo - bad > 1) {
    const size_t mid = bad + (lo - bad) / 2;
    t.to_prefix(mid);
    (fits(t, use_heights) ? lo : bad) = mid;
  }
  t.to_prefix(fitting ? lo : order_.size());
  return fitting;
}

// Walks back in, the most important first, each dropped candidate of the
// first `lo` that fits again; returns those. An entry comes back with the
// bullets not dropped at its turn: those more important than it. With more
// pages, where page breaks decide, a candidate at least as tall as one that
// did not fit is not tried (what is kept only grows); one page is judged
// exactly.
std::vector<size_t> Fitter::walk_back(Tracker& t, bool use_heights, size_t lo) {
  std::vector<size_t> walked_back;
  double failed = std::numeric_limits<double>::infinity();
  for (size_t k = lo; k-- > forced_;) {
    const double before = t.height();
    t.set(k, false);
    // A bullet of a dropped entry comes back with the entry, if ever: the
    // entry's turn (it comes earlier in the order) saw it back.
    if (order_[k].item >= 0 && t.block_dropped(k)) continue;
    const double taller = t.height() - before;
    const bool worth_trying = !use_heights || max_pages_ == 1 || taller < failed;
    if (worth_trying && fits(t, use_heights)) {
      walked_back.push_back(k);
      continue;
    }
    t.set(k, true);
    if (use_heights) failed = std::min(failed, taller);
  }
  return walked_back;
}

// The loosest spacing (t of with_spacing) that keeps `kept` to the pages
// the budget allows, but to no more than the style's own spacing needs: a
// budget that is not binding adds no page.
double Fitter::stretch(const Document& kept) {
  const int target = std::min(max_pages_, pages(kept, style_));
  double low = -1, high = 1;
  if (pages(kept, with_spacing(style_, high)) <= target) return high;
  while (high - low > 1e-3) {
    const double mid = (low + high) / 2;
    (pages(kept, with_spacing(style_, mid)) <= target ? low : high) = mid;
  }
  return low;
}

FitResult Fitter::run(bool measure) {
  const Heights heights = measure_heights(doc_, slots_, tight_, fonts_, cache_);
  passes_ += 2;
  room_ = room(tight_, max_pages_);
  Tracker tracker(heights, slots_, order_);
  auto select = [&](bool use_heights) {
    size_t lo = 0;
    const bool fitting = shortest_prefix(tracker, use_heights, lo);
    return fitting ? walk_back(tracker, use_heights, lo) : std::vector<size_t>();
  };
  std::vector<size_t> walked_back = select(heights.consistent);
  FitResult result;
  result.doc = without(doc_, slots_, tracker.drops());
  bool fits_tight = pages(result.doc, tight_) <= max_pages_;
  if (heights.consistent && max_pages_ == 1 && fits_tight != (tracker.height() <= room_ + kSlack)) {
    // The heights missed something the layout does: judge by layouts alone.
    walked_back = select(false);
    result.doc = without(doc_, slots_, tracker.drops());
    fits_tight = pages(result.doc, tight_) <= max_pages_;
  }

  // Share the spare space out.
  const double t = fits_tight ? stretch(result.doc) : -1;
  result.style = with_spacing(style_, t);
  result.pages = layout(result.doc, result.style, fonts_, cache_);
  ++passes_;
  result.fits = static_cast<int>(result.pages.pages.size()) <= max_pages_;
  if (!result.fits) {
    // On one endless page, so that page breaks do not blur it.
    const Style& s = result.style;
    const double bottom = s.page_height - s.margin_bottom;
    const double text_height = bottom - s.margin_top;
    const double height = measure_layout(result.doc, endless(s), fonts_, cache_).content_bottom;
    ++passes_;
    result.overflow = height - bottom - (max_pages_ - 1) * text_height;
    result.log.push_back(fmt::format("cannot fit {} page{}: {:.1f} pt too long; {}", max_pages_,
                                     max_pages_ == 1 ? "" : "s", result.overflow,
                                     pinned_summary(result.doc)));
  }
  explain(result, tracker.drops(), std::move(walked_back), measure);
  result.log.push_back(
      fmt::format("spacing: {:+.0f}% of the style's range, {} page{} ({} layout passes)", t * 100,
                  result.pages.pages.size(), result.pages.pages.size() == 1 ? "" : "s", passes_));
  return result;
}

// One line per decision, in groups: what was dropped (in the drop order),
// what was walked back in, what is pinned, and a count of what the drops
// did not reach. With `measure`, each dropped or walked-back line says the
// height it frees or takes at the final spacing on one endless page.
void Fitter::explain(FitResult& result, const Drops& dropped, std::vector<size_t> walked_back,
                     bool measure) {
  Heights heights;
  if (measure) {
    heights = measure_heights(doc_, slots_, result.style, fonts_, cache_);
    passes_ += 2;
  } else {
    heights.block.assign(slots_.first_item.size(), 0);
    heights.item.assign(slots_.item.size(), 0);
    heights.section.assign(doc_.sections.size(), 0);
  }
  Tracker final_state(heights, slots_, order_);
  for (size_t k = 0; k < order_.size(); ++k) final_state.set(k, dropped[k]);
  auto space = [&](size_t k, const char* verb) {
    if (!heights.consistent) return std::string();
    return fmt::format(", {} {:.1f} pt", verb, final_state.weight(k));
  };
  // A bullet of a dropped entry is said with its entry.
  auto with_entry = [&](size_t k) { return order_[k].item >= 0 && final_state.block_dropped(k); };

  for (size_t k = 0; k < order_.size(); ++k) {
    if (!dropped[k] || with_entry(k)) continue;
    const Candidate& c = order_[k];
    const size_t bullets = doc_.sections[c.section].blocks[c.block].items.size();
    const std::string note =
        c.item >= 0 || bullets == 0
            ? ""
            : fmt::format(", with {} bullet{}", bullets, bullets == 1 ? "" : "s");
    result.log.push_back("dropped " + describe(doc_, c, note) + " - " +
                         (k < forced_ ? "full CV only" : "to fit") + space(k, "frees"));
  }
  std::sort(walked_back.begin(), walked_back.end());
  for (size_t k : walked_back) {
    result.log.push_back("kept " + describe(doc_, order_[k]) + " - walked back in, it fits again" +
                         space(k, "takes"));
  }
  for (size_t s = 0; s < doc_.sections.size(); ++s) {
    const std::vector<Block>& blocks = doc_.sections[s].blocks;
    for (size_t b = 0; b < blocks.size(); ++b) {
      const size_t block = slots_.first_block[s] + b;
      const long entry = slots_.block[block];
      if (entry >= 0 && dropped[entry]) continue;  // its pinned bullets went with it
      if (entry < 0) {
        const std::string why = blocks[b].priority == 1 ? "" : ", pinned by a priority-1 bullet";
        result.log.push_back("pinned " + describe(doc_, {s, b, -1, blocks[b].priority}, why) +
                             " - never dropped");
      }
      for (size_t i = 0; i < blocks[b].items.size(); ++i) {
        if (slots_.item[slots_.first_item[block] + i] >= 0) continue;
        result.log.push_back("pinned " + describe(doc_, {s, b, static_cast<int>(i), 1}) +
                             " - never dropped");
      }
    }
  }
  size_t entries = 0, bullets = 0;
  for (size_t k = forced_; k < order_.size(); ++k) {
    if (dropped[k] || with_entry(k)) continue;
    if (std::binary_search(walked_back.begin(), walked_back.end(), k)) continue;
    ++(order_[k].item < 0 ? entries : bullets);
  }
  result.log.push_back(
      fmt::format("kept as they are: {} entries and {} bullets (the drops stopped before them)",
                  entries, bullets));
}

}  // namespace

FitResult fit_variant(const Document& doc, const Style& style, FontBook& fonts, bool onepage,
                      int max_pages, const FitOptions& options) {
  Document variant = doc;
  variant.footer = !onepage;
  const int budget = onepage ? 1 : max_pages;
  if (budget > 0) return fit(variant, style, fonts, budget, onepage, options);
  FitResult out;
  out.pages = layout(variant, style, fonts, options.cache);
  out.doc = std::move(variant);
  out.style = style;
  out.fits = true;
  return out;
}

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
  std::shared_ptr<LayoutCache> own_cache;
  if (!options.cache) own_cache = make_layout_cache();
  LayoutCache* const cache = options.cache ? options.cache : own_cache.get();
  return Fitter(doc, style, fonts, max_pages, drop_full_only, cache).run(options.explain);
}

}  // namespace cvpress

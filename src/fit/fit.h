// The page-budget fitter: decides which blocks and items of a Document stay,
// and how much vertical spacing they get, so that its layout fills at most
// `max_pages` pages. It measures with the layout engine, never a writer; both
// backends render its decision (the Document and the Style it returns).
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "style/style.h"

namespace cvpress {

class FontBook;
struct LayoutCache;

// How fit() goes about its work; what it decides is the same either way.
struct FitOptions {
  // Measure the height each decision frees or takes, for FitResult::log
  // (--explain): two more layouts of the whole document. Without it the log
  // still says what was dropped, kept and pinned, and why.
  bool explain = false;
  // Paragraphs already broken by other layouts of this document in this
  // style (e.g. the full variant's), shared so they are not broken again;
  // the fitter makes a cache of its own when null.
  LayoutCache* cache = nullptr;
};

struct FitResult {
  Document doc;  // what stays
  Style style;   // the style with its gaps set within their bounds
  Pages pages;   // the layout of doc in style
  bool fits = false;
  double overflow = 0;  // when it does not fit: points beyond the budget, on one endless page
  // One line per decision, for --explain: dropped, walked back in, pinned;
  // then a count of what the drops did not reach and the spacing. When it
  // does not fit, the first line says by how much and names what is pinned.
  std::vector<std::string> log;
};

// Drops priority 5 when `drop_full_only`, then, while the layout is too long
// even with the tightest spacing, priority 4, 3, 2 (bullets before blocks,
// later items of a section before earlier ones; an entry goes by its own
// priority and takes its bullets with it, but a priority-1 bullet pins an
// entry below priority 5); walks back in whatever fits again; then shares the
// spare space out by stretching the gaps within the style's bounds, onto no
// more pages than the style's own spacing needs. Priority 1 is never dropped.
//
// It measures the height of every block and bullet once (two layouts on an
// endless page) and selects on those numbers; one page is then judged
// without a layout, more pages by a trial layout where the numbers allow a
// selection. The result is confirmed by a real layout (and, should the
// numbers ever disagree with it, selected again by trial layouts alone).
FitResult fit(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
              bool drop_full_only, const FitOptions& options = {});

// One variant of a CV, as `cvpress build` makes it: the one-page CV (fit()
// to one page, priority 5 dropped) or the full CV (with a footer; fit() to
// `max_pages` when that is more than 0, else laid out as it is, which
// always fits).
FitResult fit_variant(const Document& doc, const Style& style, FontBook& fonts, bool onepage,
                      int max_pages, const FitOptions& options = {});

// The style with every gap moved from its value towards its min (t < 0) or
// its max (t > 0); t in [-1, 1].
Style with_spacing(const Style& style, double t);

}  // namespace cvpress

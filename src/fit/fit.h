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
  // Measure the height each drop would free, for FitResult::log (--explain):
  // one more trial layout per dropped item. Without it the log still says
  // what was dropped and why.
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
  double overflow = 0;           // when it does not fit: points beyond the budget's last page
  std::vector<std::string> log;  // one line per decision, for --explain
};

// Drops priority 5 when `drop_full_only`, then, while the layout is too long
// even with the tightest spacing, priority 4, 3, 2 (bullets before blocks,
// later items of a section before earlier ones); walks back in whatever fits
// again; then shares the spare space out by stretching the gaps within the
// style's bounds. Priority 1 is never dropped.
FitResult fit(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
              bool drop_full_only, const FitOptions& options = {});

// The style with every gap moved from its value towards its min (t < 0) or
// its max (t > 0); t in [-1, 1].
Style with_spacing(const Style& style, double t);

}  // namespace cvpress

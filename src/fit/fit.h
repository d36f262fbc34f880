// The page-budget fitter: decides which blocks and items of a Document stay
// so that its layout takes at most `max_pages` pages. It measures with the
// layout engine, never a writer; both backends render its decision.
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "style/style.h"

namespace cvpress {

class FontBook;

struct FitResult {
  Document doc;  // what stays
  Pages pages;   // its layout
  bool fits = false;
  std::vector<std::string> log;  // one line per decision, for --explain
};

// Drops priority 5 when `drop_full_only`, then, while the layout is too long,
// priority 4, 3, 2 (bullets before blocks, later before earlier); walks
// back in whatever fits again. Priority 1 is never dropped.
FitResult fit(const Document& doc, const Style& style, FontBook& fonts, int max_pages,
              bool drop_full_only);

}  // namespace cvpress

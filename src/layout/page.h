// Pages: the layout engine's output, positioned boxes in PDF points with the
// origin at the top-left corner of the page and y growing downwards.
// Exporters (pdf/) only draw these; they make no layout decisions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "style/style.h"

namespace cvpress {

struct Glyph {
  std::uint32_t id = 0;  // glyph id in the run's font
  double advance = 0;    // shaped advance incl. kerning, bp
  std::u32string chars;  // the characters this glyph stands for (ToUnicode)
};

// Glyphs of one font, size and colour on one baseline.
struct GlyphRun {
  int font = 0;  // index into Pages::fonts
  double size = 10;
  double x = 0, y = 0;  // pen start on the baseline
  Color color;
  std::vector<Glyph> glyphs;

  double width() const;
};

struct Rule {
  double x = 0, y = 0, width = 0, height = 0;  // y: top edge
  Color color;
};

struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;  // y: top edge
  std::string url;
};

struct OutlineEntry {
  std::string title;
  int page = 0;  // 0-based
  double y = 0;  // top of the destination
};

struct Page {
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
  std::vector<LinkArea> links;
};

struct Pages {
  double width = 0, height = 0;
  std::vector<std::string> fonts;  // font files, indexed by GlyphRun::font
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  double content_bottom = 0;  // baseline of the last line of content (no footer)
};

}  // namespace cvpress

// Style: every number both backends need, in PDF points (bp, 1/72 in).
// The layout engine and the LaTeX writer read the same Style, so the pages
// they produce agree by construction (see layout/layout.h for how the numbers
// are used).
#pragma once

#include <array>
#include <string>

namespace cvpress {

struct Color {
  double r = 0, g = 0, b = 0;  // 0..1
  bool operator==(const Color&) const = default;
};

// The faces a style uses. Index into Style::faces.
enum class Face { Regular, Bold, Italic, BoldItalic, Mono, Count };
inline constexpr int kFaceCount = static_cast<int>(Face::Count);

struct FontFace {
  std::string family;  // fontconfig / fontspec family name ("Charis SIL")
  std::string style;   // "Regular", "Bold", "Italic", "Bold Italic"
  std::string file;    // resolved TrueType file (filled by style::resolve_fonts)
  double ascent = 0;   // hhea ascender / units per em (filled by resolve_fonts)
  double descent = 0;  // -hhea descender / units per em, positive
};

// A vertical gap with the bounds the fitter may stretch it within.
struct Gap {
  double value = 0, min = 0, max = 0;
};

struct TextStyle {
  Face face = Face::Regular;
  double size = 10;     // font size, bp
  double leading = 12;  // baselineskip, bp
};

enum class Align { Left, Center };

struct Style {
  std::string name = "classic";

  double page_width = 595.2756;  // A4
  double page_height = 841.8898;
  double margin_top = 50, margin_bottom = 50, margin_left = 54, margin_right = 54;

  std::array<FontFace, kFaceCount> faces;

  TextStyle name_text{Face::Bold, 24, 28};
  TextStyle headline_text{Face::Regular, 11.5, 14};
  TextStyle tagline_text{Face::Italic, 10, 12.5};
  TextStyle contact_text{Face::Regular, 9.5, 12};
  TextStyle section_text{Face::Bold, 12, 15};
  TextStyle body{Face::Regular, 10, 12.5};       // paragraphs, bullets, dates
  TextStyle title_text{Face::Bold, 10, 12.5};     // entry titles
  TextStyle subtitle_text{Face::Italic, 10, 12.5};
  TextStyle footer_text{Face::Regular, 8, 10};

  Align header_align = Align::Center;
  std::string contact_separator = "\xC2\xB7";  // U+00B7, with a space each side

  Color text_color{0.1, 0.1, 0.1};
  Color accent_color{0.1, 0.1, 0.1};  // section titles and rules
  Color link_color{0.05, 0.25, 0.55};

  double rule_width = 0.5;   // section rule thickness
  double rule_offset = 3.5;  // rule top, below the section title's baseline

  double date_gap = 10;        // least space between a title and its date
  double item_indent = 12;     // bullet items' hanging indent
  double bullet_offset = 3;    // bullet mark's x within the indent
  std::string bullet = "\xE2\x80\xA2";  // U+2022
  double number_indent = 16;   // numbered blocks' hanging indent

  Gap header_gap{2, 1, 4};       // between the header's lines
  Gap header_after{8, 6, 14};    // header to first section
  Gap section_before{9, 6, 16};  // before a section title (dropped at a page top)
  Gap section_after{5, 3, 8};    // section title to its first block
  Gap block_gap{5, 3, 9};        // between blocks of a section
  Gap item_gap{1, 0, 3};         // before each bullet item / paragraph of an entry

  double footer_skip = 24;  // footer baseline, below the text area's bottom
};

// The built-in default style.
Style classic_style();

}  // namespace cvpress

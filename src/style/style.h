// Style: every number both backends need, in PDF points (bp, 1/72 in).
// The layout engine and the LaTeX writer read the same Style, so the pages
// they produce agree by construction (see layout/layout.h for how the numbers
// are used). Styles are data: styles/*.yaml, read by style/style_loader.h;
// the defaults below are the classic style's.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace cvpress {

struct Color {
  double r = 0, g = 0, b = 0;  // 0..1
  bool operator==(const Color&) const = default;
};

// The faces a style uses. Index into Style::faces.
enum class Face { Regular, Bold, Italic, BoldItalic, Mono, Count };
inline constexpr int kFaceCount = static_cast<int>(Face::Count);

struct FontFace {
  std::string family;       // fontconfig / fontspec family name ("Charis SIL")
  std::string style;        // "Regular", "Bold", "Italic", "Bold Italic"
  std::string package;      // the Debian package that installs it, for messages ("" = guess)
  std::string file;         // resolved TrueType file (filled by style::resolve_fonts)
  double ascent = 0;        // hhea ascender / units per em (filled by resolve_fonts)
  double descent = 0;       // -hhea descender / units per em, positive
  bool small_caps = false;  // has OpenType small capitals, smcp (filled by resolve_fonts)
  // A math font's script and script-script sizes as fractions of the text
  // size, and the space after a script in ems (its MATH table's
  // ScriptPercentScaleDown, ScriptScriptPercentScaleDown and SpaceAfterScript;
  // filled by resolve_fonts; 0 for fonts without the table).
  double script_scale = 0, script_script_scale = 0, script_space = 0;

  bool operator==(const FontFace&) const = default;
};

// The text faces, those a fallback font has too.
inline constexpr int kTextFaceCount = static_cast<int>(Face::Mono);

// A font for the characters the style's own faces cannot draw (CJK, symbols,
// arrows), in each text face: where its family lacks one (Droid Sans Fallback
// has only Regular), the face is the family's nearest, as fontconfig matches.
struct FallbackFont {
  std::array<FontFace, kTextFaceCount> faces;  // Regular, Bold, Italic, Bold Italic

  bool operator==(const FallbackFont&) const = default;
};

// A vertical gap with the bounds the fitter may stretch it within.
struct Gap {
  double value = 0, min = 0, max = 0;
  bool operator==(const Gap&) const = default;
};

// Which of the style's colours a text is set in.
enum class ColorRole { Text, Accent, Muted };

// How a text's letters are set. Upper is applied to the text itself (see
// style/text_case.h) by both backends, so widths agree. SmallCaps sets
// lower-case letters as small capitals: the face's own (OpenType smcp) when
// it has them, else capitals at small_caps_scale of the size.
enum class TextCase { AsWritten, Upper, SmallCaps };

struct TextStyle {
  Face face = Face::Regular;
  double size = 10;     // font size, bp
  double leading = 12;  // baselineskip, bp
  ColorRole color = ColorRole::Text;
  TextCase text_case = TextCase::AsWritten;

  bool operator==(const TextStyle&) const = default;
};

enum class Align { Left, Center, Right };

// The rule that goes with a section title.
enum class SectionRule {
  None,
  Below,  // from margin to margin, rule_offset below the title's baseline (above when negative)
  After,  // from the end of the title (plus rule_gap) to the right margin
};

// Where an entry's date goes.
// (An entry without a subtitle has one head line: the location and the
// date go together on its right, or the location alone when dates are Left.)
enum class DatePlacement {
  Right,  // right-aligned on the title's first line; the location on the subtitle's
  Left,   // right-aligned in a column of width date_column left of the content
  Below,  // right-aligned on the subtitle's first line; the location on the title's
};

struct Style {
  std::string name = "classic";

  double page_width = 595.2756;  // A4
  double page_height = 841.8898;
  double margin_top = 50, margin_bottom = 50, margin_left = 54, margin_right = 54;

  std::array<FontFace, kFaceCount> faces;
  // Tried in order for a character the faces lack (see text/fallback.h).
  std::vector<FallbackFont> fallbacks;
  // $$...$$ is set in this TrueType font with an OpenType MATH table, in both
  // backends (LaTeX: unicode-math's \setmathfont).
  FontFace math_font;

  TextStyle name_text{Face::Bold, 25, 30, ColorRole::Accent};
  TextStyle headline_text{Face::Regular, 11.5, 18};
  TextStyle tagline_text{Face::Italic, 10.5, 15, ColorRole::Muted};
  TextStyle contact_text{Face::Regular, 9.5, 12};
  TextStyle section_text{Face::Bold, 12.5, 15, ColorRole::Accent, TextCase::SmallCaps};
  TextStyle body{Face::Regular, 10, 12.5};     // paragraphs, bullets, numbers
  TextStyle title_text{Face::Bold, 10, 12.5};  // entry titles
  TextStyle subtitle_text{Face::Italic, 10, 12.5};
  TextStyle date_text{Face::Regular, 10, 12.5};  // entry dates (size and leading as body's)
  TextStyle location_text{Face::Italic, 10, 12.5};
  TextStyle footer_text{Face::Regular, 8, 10};

  Align header_align = Align::Center;
  std::string contact_separator = "\xC2\xB7";  // U+00B7, with a space each side
  // The contacts on a line of their own (contact_text), or after the
  // headline, on its line and in its style, with the separator between.
  bool contacts_with_headline = true;

  // Colours are 8 bits a channel, as a style file writes them (#1a1a1a).
  Color text_color{26 / 255.0, 26 / 255.0, 26 / 255.0};
  Color accent_color{31 / 255.0, 58 / 255.0, 95 / 255.0};  // the name, section titles
  Color muted_color{85 / 255.0, 85 / 255.0, 85 / 255.0};   // secondary text, when a style says so
  Color link_color{13 / 255.0, 64 / 255.0, 140 / 255.0};

  SectionRule section_rule = SectionRule::Below;
  ColorRole rule_color = ColorRole::Muted;
  double rule_width = 0.4;   // section rule thickness
  double rule_offset = -14;  // rule top, below the section title's baseline (negative: above)
  double rule_gap = 6;       // After: space between the title and its rule

  DatePlacement dates = DatePlacement::Right;
  double date_column = 0;    // Left: width of the date column (content starts there)
  double date_gap = 10;      // least space between a date (or location) and the text beside it
  double item_indent = 12;   // bullet items' hanging indent
  double bullet_offset = 3;  // bullet mark's x within the indent
  std::string bullet = "\xE2\x80\xA2";         // U+2022
  std::string nested_bullet = "\xE2\x80\x93";  // U+2013: a sub-bullet's, one indent further in
  ColorRole bullet_color = ColorRole::Text;
  double number_indent = 18;  // numbered blocks' hanging indent
  double number_gap = 5;      // from a number's right edge (it is right-aligned) to the text

  Gap header_gap{2, 1, 4};       // between the header's lines
  Gap header_after{8, 6, 14};    // header to first section
  Gap section_before{9, 6, 16};  // before a section title (dropped at a page top)
  Gap section_after{6, 4, 9};    // section title to its first block
  Gap block_gap{5, 3, 9};        // between blocks of a section
  Gap item_gap{1, 0, 3};         // before each bullet item / paragraph of an entry

  double footer_skip = 24;  // footer baseline, below the text area's bottom

  // Synthesised small caps (faces without smcp): the capitals that stand for
  // lower-case letters, at this fraction of the text's size.
  double small_caps_scale = 0.8;

  const Color& color(ColorRole role) const {
    return role == ColorRole::Accent  ? accent_color
           : role == ColorRole::Muted ? muted_color
                                      : text_color;
  }
  // The face of fallback font `k` (1-based) that stands in for `f` (code: Regular).
  const FontFace& fallback_face(int k, Face f) const {
    const int i = f == Face::Mono ? 0 : static_cast<int>(f);
    return fallbacks[static_cast<std::size_t>(k - 1)].faces[static_cast<std::size_t>(i)];
  }
  // Where the blocks of a section start, from the left margin.
  double content_indent() const { return dates == DatePlacement::Left ? date_column : 0; }

  bool operator==(const Style&) const = default;
};

// A fallback font of `family` in its four text faces (resolved later).
FallbackFont fallback(const std::string& family, const std::string& package);

// The built-in default style (styles/classic.yaml holds the same numbers).
Style classic_style();

}  // namespace cvpress

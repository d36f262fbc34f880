#include "latex/writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "latex/escape.h"
#include "layout/layout.h"
#include "layout/paragraph.h"
#include "style/text_case.h"
#include "text/fallback.h"

#ifndef CVPRESS_VERSION
#define CVPRESS_VERSION "dev"
#endif

namespace cvpress {
namespace {

// Marks a space of the text itself, where the source may wrap onto a new line
// (TeX reads a line break as a space). Control characters never survive
// escape_text, so the mark cannot clash with content.
constexpr char kSoftSpace = '\x01';
constexpr std::size_t kSourceColumns = 100;

// ---------------------------------------------------------------- numbers

// A number with at most 5 decimals (finer than TeX's 1sp) and no trailing zeros: 12.5,
// 11.96289, -18.
std::string num(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.5f", value);
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string bp(double value) { return num(value) + "bp"; }

// ---------------------------------------------------------------- text

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `text` as TeX with its spaces marked as soft, and \cvbreak where an
// over-long word may break (kSoftBreak).
std::string soft_text(std::string_view text) {
  std::string out;
  for (std::size_t at = 0;;) {
    const std::size_t next = text.find(kSoftBreak, at);
    out += escape_text(text.substr(at, next == std::string_view::npos ? next : next - at));
    if (next == std::string_view::npos) break;
    out += "\\cvbreak ";
    at = next + kSoftBreak.size();
  }
  for (char& c : out)
    if (c == ' ') c = kSoftSpace;
  return out;
}

std::string hard_spaces(std::string text) {
  for (char& c : text)
    if (c == kSoftSpace) c = ' ';
  return text;
}

// A font family name for fontspec: characters that could end the argument or
// an option list are dropped (real family names never contain them).
std::string font_name_text(std::string_view name) {
  std::string out;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) continue;
    if (std::string_view("\\{}[]%#$^~,=&_").find(c) != std::string_view::npos) continue;
    out += c;
  }
  return out;
}

// Drops whitespace at both ends of a paragraph, across span boundaries.
RichText trimmed(RichText text) {
  const auto blank_span = [](const Span& s) {
    return s.kind != SpanKind::Math && s.text.find_first_not_of(" \t\n\r") == std::string::npos;
  };
  while (!text.empty() && blank_span(text.front())) text.erase(text.begin());
  while (!text.empty() && blank_span(text.back())) text.pop_back();
  if (text.empty()) return text;
  if (text.front().kind != SpanKind::Math) {
    std::string& s = text.front().text;
    s.erase(0, s.find_first_not_of(" \t\n\r"));
  }
  if (text.back().kind != SpanKind::Math) {
    std::string& s = text.back().text;
    s.erase(s.find_last_not_of(" \t\n\r") + 1);
  }
  return text;
}

// The command that selects fallback font k (1-based): \cvfallbacka, \cvfallbackb, ...
std::string fallback_command(int k) {
  return "\\cvfallback" + std::string(1, static_cast<char>('a' + k - 1));
}

// The font switches for a span: code is always the mono face, and its
// fallback the fallback font's regular face, as in the layout.
std::string span_switches(const Span& span) {
  if (span.kind == SpanKind::Code && span.fallback > 0)
    return fallback_command(span.fallback) + "\\mdseries\\upshape";
  if (span.kind == SpanKind::Code) return "\\ttfamily";
  std::string out;
  if (span.fallback > 0) out += fallback_command(span.fallback);
  if (span.bold) out += "\\bfseries";
  if (span.italic) out += "\\itshape";
  if (span.small_caps == SmallCaps::OpenType) out += "\\cvsmallcaps";
  if (span.small_caps == SmallCaps::Synthetic) out += "\\cvsc";
  return out;
}

// Whether a span is set as TeX math: a math span that check_math accepts
// (a rejected one is printed as its source text).
bool is_tex_math(const Span& span) {
  if (span.kind != SpanKind::Math) return false;
  std::string bad;
  check_math(span.text, &bad);
  return bad.empty();
}

// Accepted math between dollars; "" for empty math.
std::string math_source(std::string_view tex, bool after_math) {
  const std::string math = check_math(tex, nullptr);
  if (math.find_first_not_of(' ') == std::string::npos) return {};
  return (after_math ? "{}$" : "$") + math + "$";  // `$$` would open display math
}

// Rich text as TeX with soft spaces, each run in the font the layout sets it
// in; see latex_rich_text. With `caps`, in its small caps, for a paragraph
// in face `base` (with_small_caps).
std::string rich_text_source(const RichText& text, const FallbackMap& fallback,
                             const Style* caps = nullptr, Face base = Face::Regular) {
  std::string out;
  bool after_space = false;  // the text so far ends with a space
  RichText spans = with_fallback(trimmed(text), fallback);
  if (caps) spans = with_small_caps(spans, *caps, base);
  for (Span span : spans) {
    if (span.small_caps == SmallCaps::Synthetic) span.text = to_upper(span.text);
    const bool math = is_tex_math(span);
    // Spaces at a span boundary make one space, in the font of the first.
    if (after_space && !math) span.text.erase(0, span.text.find_first_not_of(" \t\n\r"));
    if (math || !span.text.empty()) after_space = !math && is_blank(span.text.back());
    const bool after_math = !out.empty() && out.back() == '$';
    std::string body = math ? math_source(span.text, after_math) : soft_text(span.text);
    if (body.empty()) continue;
    if (!span.link.empty()) body = "\\href{" + escape_url(span.link) + "}{" + body + "}";
    const std::string switches = math ? std::string() : span_switches(span);
    if (switches.empty()) {
      out += body;
      continue;
    }
    // A space right after a control word would be skipped by TeX: end the word with {}.
    const bool starts_with_space = body.front() == kSoftSpace || body.front() == ' ';
    const char* separator = starts_with_space ? "{}" : body.front() == '\\' ? "" : " ";
    out += "{" + switches + separator + body + "}";
  }
  return out;
}

// A plain text field (name, date, location, ...) as rich_text_source sets it.
std::string text_source(std::string_view text, const FallbackMap& fallback) {
  return rich_text_source(plain(std::string(text)), fallback);
}

// Text set in text style `t` (in face `base`, when its macro changes the
// style's), as the layout sets it: in the style's case and small caps.
std::string styled_source(const RichText& text, const TextStyle& t, const Style& s,
                          const FallbackMap& fallback, std::optional<Face> base = {}) {
  return rich_text_source(with_case(text, t.text_case), fallback,
                          t.text_case == TextCase::SmallCaps ? &s : nullptr, base.value_or(t.face));
}
std::string styled_source(std::string_view text, const TextStyle& t, const Style& s,
                          const FallbackMap& fallback) {
  return styled_source(plain(std::string(text)), t, s, fallback);
}

// "**Label:** details" split into label and details, when the paragraph
// starts with plain bold text followed by one regular space.
std::optional<std::pair<RichText, RichText>> split_label(const RichText& paragraph) {
  const RichText text = trimmed(paragraph);
  std::size_t k = 0;
  while (k < text.size() && text[k].kind == SpanKind::Text && text[k].bold && !text[k].italic &&
         text[k].link.empty())
    ++k;
  if (k == 0 || k == text.size()) return std::nullopt;
  const Span& next = text[k];  // the space after the label must be a plain one, as in the macro
  if (next.kind != SpanKind::Text || next.bold || next.italic || !next.link.empty() ||
      next.text.size() < 2 || next.text[0] != ' ' || is_blank(next.text[1]))
    return std::nullopt;
  RichText label(text.begin(), text.begin() + k);
  for (Span& s : label) s.bold = false;
  if (is_blank(label.back().text.back())) return std::nullopt;
  RichText details(text.begin() + k, text.end());
  details.front().text.erase(0, 1);
  return std::make_pair(label, details);
}

// ---------------------------------------------------------------- source lines

// Replaces each soft space with a space, or with a line break and an indent
// when the word after it would pass the column limit.
std::string wrap_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t column = 0;
  const auto width = [](std::string_view s) {
    std::size_t n = 0;
    for (const char c : s)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += c;
      column = 0;
    } else if (c == kSoftSpace) {
      const std::size_t end = text.find_first_of(std::string{kSoftSpace, '\n'}, i + 1);
      const std::size_t word = width(
          text.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      if (column + 1 + word > kSourceColumns && column > 4) {
        out += "\n    ";
        column = 4;
      } else {
        out += ' ';
        ++column;
      }
    } else {
      out += c;
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
    }
  }
  return out;
}

// Fills <<KEY>> placeholders of a template.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [key, value] : values) {
    const std::string mark = "<<" + key + ">>";
    for (std::size_t at = text.find(mark); at != std::string::npos;
         at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

// ---------------------------------------------------------------- preamble

std::string font_name(const FontFace& face) {
  const std::string& style = face.style;
  if (style.empty() || style == "Regular" || style == "Book" || style == "Roman" ||
      style == "Normal")
    return font_name_text(face.family);
  return font_name_text(face.family + " " + style);
}

const FontFace& face(const Style& style, Face f) { return style.faces[static_cast<int>(f)]; }

std::string face_switch(Face f) {
  switch (f) {
    case Face::Bold:
      return "\\bfseries";
    case Face::Italic:
      return "\\itshape";
    case Face::BoldItalic:
      return "\\bfseries\\itshape";
    case Face::Mono:
      return "\\ttfamily";
    default:
      return "";
  }
}

// A colour as xcolor's HTML model writes it (8 bits a channel, as in the style file).
std::string color(const Color& c) {
  const auto channel = [](double v) {
    return static_cast<unsigned>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
  };
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02X%02X%02X", channel(c.r), channel(c.g), channel(c.b));
  return buffer;
}

std::string top_comment(const Document& doc, const Style& style) {
  std::string title = doc.meta.title.empty() ? doc.header.name : doc.meta.title;
  return "% " + comment_text(title) +
         "\n"
         "% Written by cvpress " CVPRESS_VERSION " (style \"" +
         comment_text(style.name) +
         "\"); the PDF cvpress writes beside it has the same\n"
         "% pages and line breaks. Compile with XeLaTeX or LuaLaTeX, and run it twice for the\n"
         "% \"page N of M\" footer:  xelatex FILE.tex && xelatex FILE.tex  (or lualatex twice).\n"
         "% The fonts named below must be installed (fontconfig finds them for both engines).\n"
         "% All dimensions are in bp (PDF points, 1/72 in), as in the style.\n"
         "% To edit: change the text inside the \\cv... calls after \\begin{document}; delete a\n"
         "% call to drop that block, bullet or paragraph.\n";
}

constexpr std::string_view kPageTemplate = R"(\documentclass{article}
\usepackage{fontspec}
\usepackage[mathrm=sym,mathit=sym,mathbf=sym,mathsf=sym,mathtt=sym]{unicode-math}
\usepackage{xcolor}
\usepackage{hyperref}
\makeatletter

%% Page: the text area inside the margins (TeX adds 1in to \oddsidemargin and \topmargin).
\paperwidth=<<PAPER_W>> \paperheight=<<PAPER_H>>
\ifdefined\pagewidth \pagewidth=\paperwidth \pageheight=\paperheight % LuaTeX
\else \pdfpagewidth=\paperwidth \pdfpageheight=\paperheight \fi % XeTeX
\textwidth=<<TEXT_W>> \textheight=<<TEXT_H>>
\hoffset=0bp \voffset=0bp \oddsidemargin=<<ODD_MARGIN>> \evensidemargin=<<ODD_MARGIN>>
\topmargin=<<TOP_MARGIN>> \headheight=0bp \headsep=0bp \footskip=<<FOOT_SKIP>>
\marginparwidth=0bp \marginparsep=0bp
\topskip=<<TOP_SKIP>> % a page's first baseline is at least this far down (the body's ascent)
\maxdepth=\maxdimen % descenders may hang below the text area
\parskip=0bp \parindent=0bp \lineskiplimit=-\maxdimen \lineskip=0bp \frenchspacing
\clubpenalty=10000 \widowpenalty=10000 \interlinepenalty=0
\raggedbottom % no glue stretches: a page breaks at the last place allowed before it is full
)";

constexpr std::string_view kFontTemplate = R"(
%% Fonts: the TrueType files the PDF embeds; no ligatures, kerning on, and spaces of the
%% font's own width that neither stretch nor shrink, so lines break where the PDF's do.
\ifdefined\directlua \defaultfontfeatures+{RawFeature=-spacekern}\fi % LuaTeX: no kerning at spaces
% XeTeX: give every word its text, so a glyph that serves two characters (Lato draws
% U+002D and U+2010 alike) extracts as the character written.
\ifdefined\XeTeXgenerateactualtext \XeTeXgenerateactualtext=1 \fi
\setmainfont{<<REGULAR>>}[
  BoldFont={<<BOLD>>},
  ItalicFont={<<ITALIC>>},
  BoldItalicFont={<<BOLD_ITALIC>>},
  Ligatures={CommonOff,TeXOff}, Kerning=On, WordSpace={1,0,0}, PunctuationSpace=WordSpace,
  HyphenChar=None]
\setmonofont{<<MONO>>}[ % code is always the upright mono face
  BoldFont={<<MONO>>}, ItalicFont={<<MONO>>}, BoldItalicFont={<<MONO>>},
  Ligatures={CommonOff,TeXOff}, Kerning=On, WordSpace={1,0,0}, PunctuationSpace=WordSpace,
  HyphenChar=None]
<<FALLBACK>>
%% Math ($...$): set in the math font below, \mathrm, \mathbf ... in its letters (unicode-math's
%% `sym' alphabets), scripts at its own script sizes, spaces that neither stretch nor shrink
%% (\cv@style sets the space after a script to the font's); a formula never breaks.
\setmathfont{<<MATH>>}
\def\defaultscriptratio{<<SCRIPT_RATIO>>}\def\defaultscriptscriptratio{<<SCRIPT_SCRIPT_RATIO>>}
\thinmuskip=3mu \medmuskip=4mu \thickmuskip=5mu

%% Colours and PDF metadata; links are coloured, without boxes.
\definecolor{cvtext}{HTML}{<<TEXT_COLOR>>}
\definecolor{cvaccent}{HTML}{<<ACCENT_COLOR>>}
\definecolor{cvmuted}{HTML}{<<MUTED_COLOR>>}
\definecolor{cvlink}{HTML}{<<LINK_COLOR>>}
\hypersetup{colorlinks=true, urlcolor=cvlink, linkcolor=cvlink, pdfcreator={cvpress},
  pdftitle={<<TITLE>>},
  pdfauthor={<<AUTHOR>>},
  pdfsubject={<<SUBJECT>>},
  pdfkeywords={<<KEYWORDS>>}}
)";

constexpr std::string_view kStyleTemplate = R"(
%% Text styles: font, size, leading, the face's ascent and descent at that size, colour.
% #1 face (after \normalfont), #2 size, #3 leading (\baselineskip), #4/#5 height/depth of
% the line strut, #6 colour (\cv@ink sets it inside the paragraph). Upper-case styles get
% their text already in capitals.
\newcommand\cv@style[6]{\normalfont#1\fontsize{#2}{#3}\selectfont\baselineskip=#3\relax
  \scriptspace=<<SCRIPT_SPACE>>\dimexpr#2\relax
  \def\cv@strut{\vrule width0bp height#4 depth#5\relax}\def\cv@ink{\color{#6}}}
\let\cv@ink\relax
)";

constexpr std::string_view kMacroTemplate = R"(
%% Paragraphs: ragged right, broken only at spaces, fixed leading. TeX resets these inside
%% boxes, so every paragraph sets them again.
\newcommand\cv@parsettings{%
  \leftskip=0bp \rightskip=0bp plus 1fil \parfillskip=0bp plus 1fil \parindent=0bp
  \hyphenpenalty=10000 \exhyphenpenalty=10000 \emergencystretch=0bp \frenchspacing
  \clubpenalty=10000 \widowpenalty=10000 \interlinepenalty=0
  \binoppenalty=10000 \relpenalty=10000 \lineskiplimit=-\maxdimen \lineskip=0bp}
% One paragraph: #1 its style and indents, #2 its text. The strut makes the first line as
% tall as the face's ascent, which puts it at the right place at the top of a page.
\newcommand\cv@par[2]{{\cv@parsettings#1\noindent\cv@strut{\cv@ink#2}\par}}
\newcommand\cv@ifempty[1]{%
  \if\relax\detokenize{#1}\relax\expandafter\@firstoftwo\else\expandafter\@secondoftwo\fi}
% Where an over-long word may break (the PDF breaks it there too).
\newcommand\cvbreak{\hskip0bp\relax}
<<SMALL_CAPS>>
%% Blocks: the gaps between them (TeX drops a gap at the top of a page), and where a page
%% may not break (\nobreak): between a section title and its first block, and after that
%% block when it is a one-liner; before a one-liner that ends its section; inside an
%% entry's head and after it; after its first paragraph or item when it has no subtitle;
%% before its last paragraph or item.
\newif\ifcv@firstsection \cv@firstsectiontrue
\newif\ifcv@firstblock % the next block opens its section
\newif\ifcv@keep % no page break after the current block
\newif\ifcv@last % the block (paragraph, item) being opened ends its section (entry)
\newcount\cv@parts % paragraphs and items of the current entry so far
\newcount\cv@keepparts % how many of them stay with the entry's head
\newcount\cv@sections
\newbox\cv@box \newbox\cv@datebox
% \cv@peek{code}: code, run after the spaces and blank lines that follow, with \@let@token
% the next command: a block or item knows from it whether it is the last.
\newcommand\cv@peek[1]{\@ifnextchar\par{\cv@peek@par{#1}}{#1}}
\long\def\cv@peek@par#1#2{\cv@peek{#1}}
% Opens a block; #1 is 1 for one-liner kinds, which stay with the next block when first,
% and with the one before when last.
\newcommand\cv@block[1]{\cv@lastfalse
  \ifx\@let@token\cvsection\cv@lasttrue\fi \ifx\@let@token\end\cv@lasttrue\fi
  \ifcv@firstblock\nobreak\vskip<<SECTION_AFTER>>\relax
  \else\ifcv@keep\nobreak\fi \ifcv@last\ifnum#1=1 \nobreak\fi\fi \vskip<<BLOCK_GAP>>\relax\fi
  \global\cv@keepfalse
  \ifcv@firstblock\ifnum#1=1 \global\cv@keeptrue\fi\fi
  \global\cv@firstblockfalse}
% Opens a paragraph or item of an entry.
\newcommand\cv@part{\cv@lasttrue
  \ifx\@let@token\cvitem\cv@lastfalse\fi \ifx\@let@token\cvsubitem\cv@lastfalse\fi
  \ifx\@let@token\cvparagraph\cv@lastfalse\fi
  \ifnum\cv@parts<\cv@keepparts\nobreak\fi \ifcv@last\nobreak\fi \vskip<<ITEM_GAP>>\relax
  \global\advance\cv@parts by 1 \global\cv@keepfalse}
% A head line: #2 in style #1, with the material #3 right-aligned on its first line; the
% text wraps <<DATE_GAP>> short of it.
\newcommand\cv@headline[3]{%
  \setbox\cv@box=\hbox{#3}%
  \cv@par{#1<<CONTENT_SKIP>>\interlinepenalty=10000
    \ifdim\wd\cv@box>0bp \advance\rightskip by \dimexpr\wd\cv@box+<<DATE_GAP>>\relax\fi}%
    {\rlap{\hbox to<<CONTENT_WIDTH>>{\hfil\box\cv@box}}#2}}<<DATE_LINE>>
% A date, a location, in their styles (for the right of a head line).
\newcommand\cv@date[1]{{\cvstyledate\cv@ink#1}}
\newcommand\cv@place[1]{{\cvstylelocation\cv@ink#1}}
% Both on a title line without a subtitle: #1 location, #2 date, "<<SEPARATOR>>" between.
\newcommand\cv@where[2]{\cv@ifempty{#1}{}{\cv@place{#1}}%
  \cv@ifempty{#2}{}{\cv@date{\cv@ifempty{#1}{}{\ <<SEPARATOR>>\ }#2}}}
% An entry's head: #1 title, #2 date, #3 subtitle, #4 location.
% <<HEAD_LOOK>>.
\newcommand\cv@head[4]{\cv@ifempty{#3}%
  {<<HEAD_ALONE>>}%
  {<<HEAD_TITLE>>%
    \nobreak\cv@headline{\cvstylesubtitle}{#3}{<<HEAD_SUBTITLE>>}}}
\newcommand\cv@headerline[2]{\cv@ifempty{#2}{}{\nobreak\vskip<<HEADER_GAP>>\relax
  \cv@par{#1<<HEADER_ALIGN>>%
    \interlinepenalty=10000 }{#2}}}
<<RULE>>
\newcommand\cv@bulletmark{%
  \llap{\hbox to<<ITEM_INDENT>>{\hskip<<BULLET_OFFSET>>\relax {<<BULLET_INK>><<BULLET>>}\hss}}}
\newcommand\cv@subbulletmark{%
  \llap{\hbox to<<ITEM_INDENT>>{\hskip<<BULLET_OFFSET>>\relax {<<BULLET_INK>><<NESTED_BULLET>>}\hss}}}
% An entry of any kind: #1 title, #2 date, #3 subtitle, #4 location (\cv@head), then the
% \cvparagraph and \cvitem calls that follow.
\newcommand\cv@entry[4]{\cv@peek{%
  \cv@ifempty{#3}{\cv@block1\global\cv@keepparts=2 }{\cv@block0\global\cv@keepparts=1 }%
  \global\cv@parts=0 \cv@head{#1}{#2}{#3}{#4}}}

%% The blocks of a CV, in the order they appear.
% Header, <<HEADER_ALIGN_NAME>>: #1 name, #2 headline, #3 tagline, #4 contacts; empty ones are left out.
\newcommand\cvheader[4]{%
  \cv@headerline{\cvstylename}{#1}\cv@headerline{\cvstyleheadline}{#2}%
  \cv@headerline{\cvstyletagline}{#3}\cv@headerline{\cvstylecontact}{#4}%
  \vskip<<HEADER_AFTER>>\relax}
% Section title<<SECTION_LOOK>>.
% The optional argument is the title as written, for the PDF's bookmarks, when the style
% changes its letters.
\newcommand\cvsection[2][]{%
  \ifcv@firstsection\global\cv@firstsectionfalse\else\vskip<<SECTION_BEFORE>>\relax\fi
  \global\advance\cv@sections by 1
  \cv@par{\cvstylesection\interlinepenalty=10000 }{%
    \cv@ifempty{#1}{\pdfbookmark[1]{#2}{cvsection.\the\cv@sections}}%
      {\pdfbookmark[1]{#1}{cvsection.\the\cv@sections}}#2\cv@rule}%
  \global\cv@firstblocktrue\global\cv@keepfalse}
% Education: #1 institution, #2 dates, #3 degree and area, #4 location.
\newcommand\cveducation{\cv@entry}
% Experience: #1 company, #2 dates, #3 position, #4 location.
\newcommand\cvexperience{\cv@entry}
% A publication: #1 title, #2 date, #3 authors, #4 location.
\newcommand\cvpublication{\cv@entry}
% Any other entry (a project, a talk, an award): #1 name, #2 date, #3 subtitle, #4 location.
\newcommand\cventry{\cv@entry}
% A paragraph under an entry (summary, venue, link).
\newcommand\cvparagraph[1]{\cv@peek{\cv@part\cv@par{\cvstylebody<<CONTENT_SKIP>>}{#1}}}
% A bullet item under an entry.
\newcommand\cvitem[1]{\cv@peek{\cv@part
  \cv@par{\cvstylebody\leftskip=<<ITEM_LEFT>>\relax}{\cv@bulletmark#1}}}
% A sub-bullet of the item before it, one indent further in.
\newcommand\cvsubitem[1]{\cv@peek{\cv@part
  \cv@par{\cvstylebody\leftskip=<<SUBITEM_LEFT>>\relax}{\cv@subbulletmark#1}}}
% A one-line entry: #1 the bold label, #2 the details.
\newcommand\cvoneline[2]{\cv@peek{\cv@block1
  \cv@par{\cvstylebody<<CONTENT_SKIP>>}{{\bfseries#1} #2}}}
% A bullet point of its own.
\newcommand\cvbullet[1]{\cv@peek{\cv@block1
  \cv@par{\cvstylebody\leftskip=<<ITEM_LEFT>>\relax}{\cv@bulletmark#1}}}
% A numbered paragraph: #1 the number ("1."), right-aligned <<NUMBER_GAP>> short of #2, the text.
\newcommand\cvnumbered[2]{\cv@peek{\cv@block1
  \cv@par{\cvstylebody\leftskip=<<NUMBER_LEFT>>\relax}{\llap{#1\hskip<<NUMBER_GAP>>\relax}#2}}}
% A paragraph of text.
\newcommand\cvtext[1]{\cv@peek{\cv@block1\cv@par{\cvstylebody<<CONTENT_SKIP>>}{#1}}}
% Footer on every page: "#1 — page N of M", centred, <<FOOT_SKIP>> below the text area.
\newcommand\cvfooter[1]{\gdef\cv@footername{#1}\pagestyle{cv}\AtEndDocument{\label{cv@lastpage}}}
\def\ps@cv{\let\@oddhead\@empty\let\@evenhead\@empty
  \def\@oddfoot{\hfil\cvstylefooter\cv@ink
    \cv@footername\ — page \thepage\ of \pageref*{cv@lastpage}\hfil}%
  \let\@evenfoot\@oddfoot}
\pagestyle{empty}
\makeatother
)";

std::string page_setup(const Style& s) {
  const double body_ascent = face(s, s.body.face).ascent * s.body.size;
  return fill(std::string(kPageTemplate),
              {{"PAPER_W", bp(s.page_width)},
               {"PAPER_H", bp(s.page_height)},
               {"TEXT_W", bp(s.page_width - s.margin_left - s.margin_right)},
               {"TEXT_H", bp(s.page_height - s.margin_top - s.margin_bottom)},
               {"ODD_MARGIN", bp(s.margin_left - 72)},
               {"TOP_MARGIN", bp(s.margin_top - 72)},
               {"FOOT_SKIP", bp(s.footer_skip)},
               {"TOP_SKIP", bp(body_ascent)}});
}

// One font family per fallback font the document uses, with the features of
// the main fonts: a run in it is {\cvfallbacka ...}.
std::string fallback_fonts(const Document& doc, const Style& s) {
  std::set<int> used;
  for (const auto& entry : doc.fallback) used.insert(entry.second);
  if (used.empty()) return {};
  std::string out =
      "% Fallback fonts, for the characters the fonts above lack (each run is set in one):\n";
  for (const int k : used) {
    const FallbackFont& f = s.fallbacks[static_cast<std::size_t>(k - 1)];
    out += "\\newfontfamily" + fallback_command(k) + "{" + font_name(f.faces[0]) +
           "}[\n  BoldFont={" + font_name(f.faces[1]) + "}, ItalicFont={" + font_name(f.faces[2]) +
           "}, BoldItalicFont={" + font_name(f.faces[3]) + "},\n" +
           "  Ligatures={CommonOff,TeXOff}, Kerning=On, WordSpace={1,0,0}, "
           "PunctuationSpace=WordSpace,\n  HyphenChar=None]\n";
  }
  return out;
}

std::string fonts_and_metadata(const Document& doc, const Style& s) {
  const auto meta = [](const std::string& text) { return hard_spaces(soft_text(text)); };
  const FontFace& math = s.math_font;
  return fill(
      std::string(kFontTemplate),
      {{"FALLBACK", fallback_fonts(doc, s)},
       {"MATH", font_name(math)},
       {"SCRIPT_RATIO", num(math.script_scale > 0 ? math.script_scale : 0.7)},
       {"SCRIPT_SCRIPT_RATIO", num(math.script_script_scale > 0 ? math.script_script_scale : 0.5)},
       {"REGULAR", font_name(face(s, Face::Regular))},
       {"BOLD", font_name(face(s, Face::Bold))},
       {"ITALIC", font_name(face(s, Face::Italic))},
       {"BOLD_ITALIC", font_name(face(s, Face::BoldItalic))},
       {"MONO", font_name(face(s, Face::Mono))},
       {"TEXT_COLOR", color(s.text_color)},
       {"ACCENT_COLOR", color(s.accent_color)},
       {"MUTED_COLOR", color(s.muted_color)},
       {"LINK_COLOR", color(s.link_color)},
       {"TITLE", meta(doc.meta.title)},
       {"AUTHOR", meta(doc.meta.author)},
       {"SUBJECT", meta(doc.meta.subject)},
       {"KEYWORDS", meta(doc.meta.keywords)}});
}

const char* color_name(ColorRole role) {
  switch (role) {
    case ColorRole::Accent:
      return "cvaccent";
    case ColorRole::Muted:
      return "cvmuted";
    default:
      return "cvtext";
  }
}

std::string style_macro(const char* name, const char* what, const TextStyle& text, const Style& s) {
  const FontFace& f = face(s, text.face);
  const bool small_caps = text.text_case == TextCase::SmallCaps;
  return "% " + std::string(what) +
         (text.text_case == TextCase::Upper ? ", in capitals"
          : small_caps                      ? ", in small caps"
                                            : "") +
         "\n\\newcommand\\cvstyle" + name + "{\\cv@style{" + face_switch(text.face) + "}{" +
         bp(text.size) + "}{" + bp(text.leading) + "}{" + bp(f.ascent * text.size) + "}{" +
         bp(f.descent * text.size) + "}{" + color_name(text.color) + "}" +
         (small_caps ? "\\def\\cv@scsize{" + bp(text.size * s.small_caps_scale) + "}" : "") + "}\n";
}

std::string text_styles(const Style& s) {
  return fill(std::string(kStyleTemplate), {{"SCRIPT_SPACE", num(s.math_font.script_space)}}) +
         style_macro("name", "name", s.name_text, s) +
         style_macro("headline", "headline", s.headline_text, s) +
         style_macro("tagline", "tagline", s.tagline_text, s) +
         style_macro("contact", "contacts", s.contact_text, s) +
         style_macro("section", "section titles", s.section_text, s) +
         style_macro("body", "paragraphs and items", s.body, s) +
         style_macro("title", "entry titles", s.title_text, s) +
         style_macro("subtitle", "entry subtitles", s.subtitle_text, s) +
         style_macro("date", "entry dates", s.date_text, s) +
         style_macro("location", "entry locations", s.location_text, s) +
         style_macro("footer", "footer", s.footer_text, s);
}

constexpr std::string_view kRuleBelow =
    R"(% The section rule, at the end of the title's last line: pushed to the right margin, it
% reaches back across the text width; being a zero-width box it changes no line break.
\newcommand\cv@rule{\nobreak\hskip0bp plus 1fill
  \llap{{<<RULE_INK>>\vrule width\linewidth height<<RULE_HEIGHT>> depth<<RULE_DEPTH>>\relax}}})";

constexpr std::string_view kRuleAfter =
    R"(% The section rule, after the title: <<RULE_GAP>> of space that stays on the title's
% last line, then a rule that fills the line to the right margin (the \kern keeps TeX
% from dropping the rule as the paragraph's last glue).
\newcommand\cv@rule{\nobreak\hskip<<RULE_GAP>>\relax{<<RULE_INK>>\nobreak
  \leaders\hrule height<<RULE_HEIGHT>> depth<<RULE_DEPTH>>\hskip0bp plus 1fill}\kern0bp})";

constexpr std::string_view kRuleNone = R"(% Section titles have no rule.
\newcommand\cv@rule{})";

constexpr std::string_view kDateLine = R"(
% A head line with a date column: as \cv@headline, and #4 (the date) right-aligned in the
% column left of the text, <<DATE_GAP>> short of it.
\newcommand\cv@dateline[4]{\setbox\cv@datebox=\hbox{\cv@date{#4}}%
  \cv@headline{#1}{\llap{\box\cv@datebox\hskip<<DATE_GAP>>\relax}#2}{#3}})";

// What an entry's head lines hold for each date placement (see \cv@head).
struct HeadLook {
  const char* alone;     // the title line of an entry without a subtitle
  const char* title;     // the title line above a subtitle
  const char* subtitle;  // the material on the right of the subtitle line
  const char* words;     // for the macro's comment
};

HeadLook head_look(DatePlacement dates) {
  switch (dates) {
    case DatePlacement::Left:
      return {"\\cv@dateline{\\cvstyletitle}{#1}{\\cv@place{#4}}{#2}",
              "\\cv@dateline{\\cvstyletitle}{#1}{}{#2}", "\\cv@place{#4}",
              "The date goes in the column on the left, the location right of the subtitle line;\n"
              "% with no subtitle, right of the title line"};
    case DatePlacement::Below:
      return {"\\cv@headline{\\cvstyletitle}{#1}{\\cv@where{#4}{#2}}",
              "\\cv@headline{\\cvstyletitle}{#1}{\\cv@place{#4}}", "\\cv@date{#2}",
              "The location goes right of the title line, the date right of the subtitle line;\n"
              "% with no subtitle, both go right of the title line"};
    case DatePlacement::Right:
      break;
  }
  return {"\\cv@headline{\\cvstyletitle}{#1}{\\cv@where{#4}{#2}}",
          "\\cv@headline{\\cvstyletitle}{#1}{\\cv@date{#2}}", "\\cv@place{#4}",
          "The date goes right of the title line, the location right of the subtitle line;\n"
          "% with no subtitle, both go right of the title line"};
}

// The macros a style's small caps need: \cvsmallcaps for faces with their
// own, \cvsc for capitals at a reduced size (its size set by the text style).
std::string small_caps_macros(const Style& s) {
  bool open_type = false, synthetic = false;
  for (const TextStyle* t :
       {&s.name_text, &s.headline_text, &s.tagline_text, &s.contact_text, &s.section_text, &s.body,
        &s.title_text, &s.subtitle_text, &s.date_text, &s.location_text}) {
    if (t->text_case != TextCase::SmallCaps) continue;
    for (int f = 0; f < kTextFaceCount; ++f)
      (face(s, Face(f)).small_caps ? open_type : synthetic) = true;
  }
  std::string out;
  if (open_type)
    out +=
        "% Small capitals of the font's own (OpenType smcp), for the styles that ask for them.\n"
        "\\newcommand\\cvsmallcaps{\\addfontfeatures{Letters=SmallCaps}}\n";
  if (synthetic)
    out +=
        "% Small caps the font lacks: lower-case letters, given as capitals, set smaller.\n"
        "\\newcommand\\cvsc{\\fontsize{\\cv@scsize}{\\baselineskip}\\selectfont}\n";
  return out;
}

std::string section_look(const Style& s) {
  std::string out =
      std::string(" in the ") + (s.section_text.color == ColorRole::Accent  ? "accent colour"
                                 : s.section_text.color == ColorRole::Muted ? "muted colour"
                                                                            : "text colour");
  if (s.section_text.text_case == TextCase::Upper) out += " and capitals";
  switch (s.section_rule) {
    case SectionRule::Below:
      return out + (s.rule_offset < 0 ? ", under a rule from margin to margin"
                                      : ", over a rule from margin to margin");
    case SectionRule::After:
      return out + ", followed by a rule to the right margin";
    case SectionRule::None:
      break;
  }
  return out;
}

std::string block_macros(const Style& s, const FallbackMap& fb) {
  const bool left_dates = s.dates == DatePlacement::Left;
  const double content = s.content_indent();
  std::string align, align_name = "left-aligned";
  if (s.header_align == Align::Center) {
    align = "\\leftskip=0bp plus 1fil \\rightskip=0bp plus 1fil \\parfillskip=0bp ";
    align_name = "centred";
  } else if (s.header_align == Align::Right) {
    align = "\\leftskip=0bp plus 1fil \\rightskip=0bp \\parfillskip=0bp ";
    align_name = "right-aligned";
  }
  const std::string_view rule = s.section_rule == SectionRule::Below   ? kRuleBelow
                                : s.section_rule == SectionRule::After ? kRuleAfter
                                                                       : kRuleNone;
  const std::string rule_ink = s.rule_color == s.section_text.color
                                   ? std::string()
                                   : "\\color{" + std::string(color_name(s.rule_color)) + "}";
  const std::string bullet_ink = s.bullet_color == s.body.color
                                     ? std::string()
                                     : "\\color{" + std::string(color_name(s.bullet_color)) + "}";
  const std::string content_skip = content > 0 ? "\\leftskip=" + bp(content) + "\\relax " : "";
  const std::string content_width =
      content > 0 ? "\\dimexpr\\linewidth-" + bp(content) + "\\relax" : "\\linewidth";
  const HeadLook head = head_look(s.dates);
  return fill(std::string(kMacroTemplate),
              {{"RULE", std::string(rule)},
               {"DATE_LINE", left_dates ? std::string(kDateLine) : ""},
               {"HEAD_ALONE", head.alone},
               {"HEAD_TITLE", head.title},
               {"HEAD_SUBTITLE", head.subtitle},
               {"HEAD_LOOK", head.words},
               {"SMALL_CAPS", small_caps_macros(s)},
               {"SEPARATOR", hard_spaces(text_source(s.contact_separator, fb))},
               {"NUMBER_GAP", bp(s.number_gap)},
               {"SECTION_LOOK", section_look(s)},
               {"HEADER_ALIGN_NAME", align_name},
               {"RULE_INK", rule_ink},
               {"RULE_GAP", bp(s.rule_gap)},
               {"BULLET_INK", bullet_ink},
               {"CONTENT_SKIP", content_skip},
               {"CONTENT_WIDTH", content_width},
               {"ITEM_LEFT", bp(content + s.item_indent)},
               {"SUBITEM_LEFT", bp(content + 2 * s.item_indent)},
               {"NUMBER_LEFT", bp(content + s.number_indent)},
               {"SECTION_AFTER", bp(s.section_after.value)},
               {"SECTION_BEFORE", bp(s.section_before.value)},
               {"BLOCK_GAP", bp(s.block_gap.value)},
               {"ITEM_GAP", bp(s.item_gap.value)},
               {"HEADER_GAP", bp(s.header_gap.value)},
               {"HEADER_AFTER", bp(s.header_after.value)},
               {"HEADER_ALIGN", align},
               {"DATE_GAP", bp(s.date_gap)},
               {"RULE_HEIGHT", bp(-s.rule_offset)},
               {"RULE_DEPTH", bp(s.rule_offset + s.rule_width)},
               {"ITEM_INDENT", bp(s.item_indent)},
               {"BULLET_OFFSET", bp(s.bullet_offset)},
               {"BULLET", hard_spaces(text_source(s.bullet, fb))},
               {"NESTED_BULLET", hard_spaces(text_source(s.nested_bullet, fb))},
               {"FOOT_SKIP", bp(s.footer_skip)}});
}

// ---------------------------------------------------------------- content

std::string call(std::string_view macro, std::initializer_list<std::string> args) {
  std::string out = "\\" + std::string(macro);
  for (const std::string& arg : args) out += "{" + arg + "}";
  return out + "\n";
}

std::string header(const Header& h, const Style& s, const FallbackMap& fb) {
  // Each part in its style's case, as the layout sets it.
  const HeaderLines lines = header_lines(h, s);
  const std::string parts[] = {styled_source(h.name, s.name_text, s, fb),
                               styled_source(lines.headline, s.headline_text, s, fb),
                               styled_source(lines.tagline, s.tagline_text, s, fb),
                               styled_source(lines.contacts, s.contact_text, s, fb)};
  bool any = false;
  for (const std::string& part : parts) any = any || !part.empty();
  if (!any) return {};
  std::string out = "\\cvheader\n";
  for (const std::string& part : parts) out += "  {" + part + "}\n";
  return out;
}

// The macro of an entry, named after what it was written as.
const char* entry_macro(EntryType type) {
  switch (type) {
    case EntryType::Education:
      return "cveducation";
    case EntryType::Experience:
      return "cvexperience";
    case EntryType::Publication:
      return "cvpublication";
    case EntryType::Normal:
      break;
  }
  return "cventry";
}

// One block as macro calls; "" for a block without text, which the layout
// leaves out too. Every text is in its style's case.
std::string block(const Block& b, const Style& s, const FallbackMap& fb) {
  const RichText none;
  const RichText& first = b.paragraphs.empty() ? none : b.paragraphs.front();
  if (b.kind != BlockKind::Entry && is_blank(first)) return {};
  const auto text = [&](const RichText& t) { return styled_source(t, s.body, s, fb); };
  switch (b.kind) {
    case BlockKind::Entry: {
      std::string out =
          call(entry_macro(b.type), {styled_source(b.title, s.title_text, s, fb),
                                     styled_source(b.date, s.date_text, s, fb),
                                     styled_source(b.subtitle, s.subtitle_text, s, fb),
                                     styled_source(b.location, s.location_text, s, fb)});
      for (const RichText& p : b.paragraphs)
        if (!is_blank(p)) out += call("cvparagraph", {text(p)});
      for (const Item& item : b.items) {
        if (is_blank(item.text)) continue;
        out += call("cvitem", {text(item.text)});
        for (const RichText& sub : item.subitems)
          if (!is_blank(sub)) out += call("cvsubitem", {text(sub)});
      }
      return out;
    }
    case BlockKind::OneLine:
      // The label is set in bold by the macro.
      if (const auto split = split_label(with_case(first, s.body.text_case))) {
        Span bold;
        bold.bold = true;
        return call("cvoneline",
                    {styled_source(split->first, s.body, s, fb, span_face(bold, s.body.face)),
                     text(split->second)});
      }
      return call("cvtext", {text(first)});
    case BlockKind::Bullet:
      return call("cvbullet", {text(first)});
    case BlockKind::Numbered:
      return call("cvnumbered", {styled_source(b.marker, s.body, s, fb), text(first)});
    case BlockKind::Text:
      break;
  }
  return call("cvtext", {text(first)});
}

// A section title in its style's case; the title as written goes first, as
// the bookmark's text, when the style changes its letters.
std::string section_call(const std::string& title, const Style& s, const FallbackMap& fb) {
  const std::string shown = styled_source(title, s.section_text, s, fb);
  if (s.section_text.text_case == TextCase::AsWritten) return call("cvsection", {shown});
  // The bookmark's text is the title as written, in no font.
  return "\\cvsection[{" + soft_text(title) + "}]{" + shown + "}\n";
}

std::string body(const Document& doc, const Style& s) {
  std::string out = "\n\\begin{document}\n\\color{cvtext}%\n";
  if (doc.footer) out += call("cvfooter", {text_source(doc.header.name, doc.fallback)});
  out += "\n" + header(doc.header, s, doc.fallback);
  for (const DocSection& section : doc.sections) {
    if (section.blocks.empty()) continue;  // as in the layout
    out += "\n" + section_call(section.title, s, doc.fallback);
    for (const Block& b : section.blocks)
      if (const std::string calls = block(b, s, doc.fallback); !calls.empty()) out += "\n" + calls;
  }
  return out + "\n\\end{document}\n";
}

}  // namespace

std::string latex_rich_text(const RichText& text, const FallbackMap& fallback) {
  return hard_spaces(rich_text_source(text, fallback));
}

std::string write_latex(const Document& doc, const Style& style) {
  return top_comment(doc, style) + page_setup(style) + fonts_and_metadata(doc, style) +
         text_styles(style) + block_macros(style, doc.fallback) + wrap_lines(body(doc, style));
}

}  // namespace cvpress

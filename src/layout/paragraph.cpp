#include "layout/paragraph.h"

#include <algorithm>

#include "text/font_book.h"
#include "text/math.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

constexpr double kEpsilon = 1e-6;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

Letters span_letters(const Span& span) {
  return span.small_caps == SmallCaps::OpenType    ? Letters::SmallCaps
         : span.small_caps == SmallCaps::Synthetic ? Letters::Capitals
                                                   : Letters::AsWritten;
}

}  // namespace

Face span_face(const Span& span, Face base) {
  if (span.kind == SpanKind::Code) return Face::Mono;
  bool bold = span.bold || base == Face::Bold || base == Face::BoldItalic;
  bool italic = span.italic || base == Face::Italic || base == Face::BoldItalic;
  if (bold && italic) return Face::BoldItalic;
  if (bold) return Face::Bold;
  if (italic) return Face::Italic;
  return Face::Regular;
}

namespace {

// Cuts a word wider than `width` into pieces that each fit (at least one
// character per line). Each line takes the longest run of characters that
// fits, found by doubling the run and then halving the gap, so that a long
// word costs O(n log n) measurements, not one per prefix: a prefix is never
// narrower than a shorter one. Adds to `cuts`, when given, the characters
// (code points from the word's start; a formula counts as one) before which
// a new line begins.
std::vector<Word> cut_word(const Word& word, double width, FontBook& fonts,
                           std::set<size_t>* cuts) {
  std::vector<Word> parts(1);
  size_t chars = 0;  // of the word, before the part being filled
  auto new_part = [&] {
    parts.emplace_back();
    if (cuts) cuts->insert(chars);
  };
  for (const Piece& piece : word.pieces) {
    if (piece.math) {  // a formula never breaks: it starts a line when it does not fit
      if (parts.back().width > 0 && parts.back().width + piece.width > width + kEpsilon)
        new_part();
      parts.back().pieces.push_back(piece);
      parts.back().width += piece.width;
      ++chars;
      continue;
    }
    const std::string_view text = piece.text;
    size_t start = 0;
    while (start < text.size()) {
      // ends[k - 1]: where the run of k characters from `start` ends.
      std::vector<size_t> ends;
      auto run_end = [&](size_t k) {  // k >= 1; clipped to the characters there are
        while (ends.size() < k) {
          const size_t at = ends.empty() ? start : ends.back();
          if (at >= text.size()) break;
          ends.push_back(std::min(text.size(), at + utf8_lead_length(text, at)));
        }
        return ends[std::min(k, ends.size()) - 1];
      };
      auto fits = [&](size_t end) {
        return parts.back().width +
                   fonts.width(piece.font, text.substr(start, end - start), piece.size) <=
               width + kEpsilon;
      };
      // Runs of `fitting` characters fit, of `failing` (0: none tried) do not.
      size_t fitting = 0, failing = 0;
      for (size_t k = 1;; k *= 2) {
        const size_t end = run_end(k);
        const size_t have = std::min(k, ends.size());
        if (!fits(end)) {
          failing = have;
          break;
        }
        fitting = have;
        if (end == text.size()) break;
      }
      while (failing > fitting + 1) {
        const size_t mid = fitting + (failing - fitting) / 2;
        (fits(ends[mid - 1]) ? fitting : failing) = mid;
      }
      size_t good = fitting > 0 ? ends[fitting - 1] : start;
      size_t taken = fitting;
      if (good == start && parts.back().width == 0) {  // one character at least
        good = run_end(1);
        taken = 1;
      }
      if (good == start) {  // nothing more fits on this line: start the next one
        new_part();
        continue;
      }
      Piece cut = piece;
      cut.text = piece.text.substr(start, good - start);
      cut.width = fonts.width(cut.font, cut.text, cut.size);
      parts.back().pieces.push_back(cut);
      parts.back().width += cut.width;
      chars += taken;
      start = good;
    }
  }
  parts.back().space_after = word.space_after;
  parts.back().space_font = word.space_font;
  return parts;
}

}  // namespace

std::vector<Word> shape_words(const RichText& text, const InlineStyle& style, const Style& s,
                              FontBook& fonts) {
  std::vector<Word> words;
  Word current;
  auto finish_word = [&](int space_font, bool soft = false) {
    if (current.pieces.empty()) return;
    current.space_after = soft ? 0 : fonts.space_width(space_font, style.text.size);
    current.space_font = space_font;
    words.push_back(std::move(current));
    current = Word{};
  };

  for (const Span& span : text) {
    const Face face = span_face(span, style.text.face);
    const int font = fonts.load(span.fallback > 0 ? s.fallback_face(span.fallback, face).file
                                                  : s.faces[static_cast<int>(face)].file,
                                span_letters(span));
    const double size = span.small_caps == SmallCaps::Synthetic
                            ? style.text.size * s.small_caps_scale
                            : style.text.size;
    if (span.kind == SpanKind::Math) {
      if (MathParse parsed = parse_math(span.text); parsed.bad.empty()) {
        // One piece: TeX breaks no formula (\binoppenalty, \relpenalty 10000).
        // `\ ` in it is a space of the paragraph's own face, as in TeX.
        const int math_font = fonts.load(s.math_font.file);
        const int text_font = fonts.load(s.faces[static_cast<int>(style.text.face)].file);
        auto box = std::make_shared<const MathBox>(
            typeset_math(parsed.list, fonts, math_font, style.text.size,
                         fonts.space_width(text_font, style.text.size)));
        Piece piece{math_font, style.text.size, span.link.empty() ? style.color : style.link_color,
                    span.text, span.link,       box->width,
                    box};
        current.width += piece.width;
        current.pieces.push_back(std::move(piece));
        continue;
      }
    }
    const std::string& content = span.text;
    size_t i = 0;
    auto soft_break_at = [&](size_t at) {
      return content.compare(at, kSoftBreak.size(), kSoftBreak) == 0;
    };
    while (i < content.size()) {
      if (is_space(content[i])) {
        finish_word(font);
        while (i < content.size() && is_space(content[i])) ++i;
        continue;
      }
      if (soft_break_at(i)) {
        finish_word(font, true);
        i += kSoftBreak.size();
        continue;
      }
      size_t end = i;
      while (end < content.size() && !is_space(content[end]) && !soft_break_at(end)) ++end;
      Piece piece{font,
                  size,
                  span.link.empty() ? style.color : style.link_color,
                  content.substr(i, end - i),
                  span.link,
                  0,
                  nullptr};
      piece.width = fonts.width(font, piece.text, piece.size);
      current.width += piece.width;
      current.pieces.push_back(std::move(piece));
      i = end;
    }
  }
  if (!current.pieces.empty()) {
    current.space_after = 0;
    words.push_back(std::move(current));
  }
  return words;
}

std::vector<Line> break_lines(std::vector<Word> words, double width, FontBook& fonts,
                              CutWords* cut) {
  std::vector<Line> lines;
  Line line;
  auto flush = [&] {
    if (!line.words.empty()) lines.push_back(std::move(line));
    line = Line{};
  };
  size_t index = 0;  // of the word placed
  auto place = [&](Word word) {
    if (word.width <= width + kEpsilon) {
      line.width = word.width;
      line.words.push_back(std::move(word));
      return;
    }
    std::vector<Word> parts = cut_word(word, width, fonts, cut ? &(*cut)[index] : nullptr);
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i + 1 < parts.size()) parts[i].space_after = 0;
      line.width = parts[i].width;
      line.words.push_back(std::move(parts[i]));
      if (i + 1 < parts.size()) flush();
    }
  };
  for (; index < words.size(); ++index) {
    Word& word = words[index];
    if (line.words.empty()) {
      place(std::move(word));
      continue;
    }
    const double with_word = line.width + line.words.back().space_after + word.width;
    if (with_word <= width + kEpsilon) {
      line.width = with_word;
      line.words.push_back(std::move(word));
      continue;
    }
    flush();
    place(std::move(word));
  }
  flush();
  return lines;
}

namespace {

// A formula's glyphs as runs (one per size and baseline, each glyph advancing
// to the next one's position) and its rules, with its origin at (x, 0).
void render_math(const MathBox& box, int font, const Color& color, double x, FontBook& fonts,
                 std::vector<GlyphRun>& runs, std::vector<Rule>& rules) {
  GlyphRun* run = nullptr;
  double last = 0;  // where the run's last glyph is
  for (const MathBox::Glyph& g : box.glyphs) {
    if (!run || run->size != g.size || run->y != g.y) {
      runs.push_back(GlyphRun{font, g.size, x + g.x, g.y, color, {}});
      run = &runs.back();
    } else {
      run->glyphs.back().advance = x + g.x - last;
    }
    const double advance = fonts.nominal_advance(font, g.id) * g.size / fonts.units_per_em(font);
    run->glyphs.push_back({g.id, advance, g.chars});
    last = x + g.x;
  }
  for (const MathBox::Rule& r : box.rules)
    rules.push_back({x + r.x, r.y, r.width, r.height, color});
}

}  // namespace

void render_line(const Line& line, double x, double ascent, double descent, FontBook& fonts,
                 std::vector<GlyphRun>& runs, std::vector<Rule>& rules,
                 std::vector<LinkArea>& links) {
  GlyphRun* run = nullptr;
  auto run_for = [&](int font, double size, const Color& color, double at) -> GlyphRun& {
    if (!run || run->font != font || run->size != size || !(run->color == color)) {
      runs.push_back(GlyphRun{font, size, at, 0, color, {}});
      run = &runs.back();
    }
    return *run;
  };
  auto add_link = [&](const std::string& url, double from, double to) {
    if (url.empty()) return;
    if (!links.empty() && links.back().url == url &&
        links.back().x + links.back().width >= from - 40) {
      links.back().width = to - links.back().x;
      return;
    }
    links.push_back({from, -ascent, to - from, ascent + descent, url});
  };

  double pen = x;
  for (size_t w = 0; w < line.words.size(); ++w) {
    const Word& word = line.words[w];
    for (const Piece& piece : word.pieces) {
      if (piece.math) {
        render_math(*piece.math, piece.font, piece.color, pen, fonts, runs, rules);
        run = nullptr;  // the next text starts a run of its own
        add_link(piece.link, pen, pen + piece.width);
        pen += piece.width;
        continue;
      }
      GlyphRun& r = run_for(piece.font, piece.size, piece.color, pen);
      for (Glyph& g : fonts.shape(piece.font, piece.text, piece.size)) r.glyphs.push_back(g);
      add_link(piece.link, pen, pen + piece.width);
      pen += piece.width;
    }
    if (w + 1 == line.words.size() || word.space_after == 0) continue;
    const Piece& last = word.pieces.back();
    GlyphRun& r = run_for(word.space_font, last.size, last.color, pen);
    for (Glyph& g : fonts.shape(word.space_font, " ", last.size)) r.glyphs.push_back(g);
    // A space inside a link (between two linked words) stays part of it.
    if (!last.link.empty() && line.words[w + 1].pieces.front().link == last.link)
      add_link(last.link, pen, pen + word.space_after);
    pen += word.space_after;
  }
}

}  // namespace cvpress

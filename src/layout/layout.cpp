#include "layout/layout.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "layout/paragraph.h"
#include "style/text_case.h"
#include "text/fallback.h"
#include "text/font_book.h"
#include "text/utf8.h"

namespace cvpress {
namespace {
struct VLine;
}

struct LayoutCache {
  std::unordered_map<std::string, std::vector<VLine>> paragraphs;
};

std::shared_ptr<LayoutCache> make_layout_cache() { return std::make_shared<LayoutCache>(); }

namespace {

constexpr double kEpsilon = 1e-6;

// The over-long words of a document: each paragraph's text (as the layout
// was given it, before its case) with where its words were cut.
using CutTexts = std::vector<std::pair<RichText, CutWords>>;

// One line of the vertical list, set on its own baseline (y = 0).
struct VLine {
  double gap = 0;         // glue before it, discarded at a page top
  double leading = 0;     // its baselineskip
  double width = 0;       // natural width of its text (paragraph lines)
  double ascent = 0;      // its first baseline's offset at a page top
  bool breakable = true;  // may a page break fall just before it
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
  std::vector<LinkArea> links;
  std::string outline;  // a section starting here
};

class Engine {
 public:
  Engine(const Style& style, FontBook& fonts, LayoutCache* cache, bool measure = false)
      : s_(style), fonts_(fonts), cache_(cache), measure_(measure) {}

  Pages run(const Document& doc);

 private:
  double text_width() const { return s_.page_width - s_.margin_left - s_.margin_right; }
  double ascent(const TextStyle& t) const { return face(t).ascent * t.size; }
  double descent(const TextStyle& t) const { return face(t).descent * t.size; }
  const FontFace& face(const TextStyle& t) const { return s_.faces[static_cast<int>(t.face)]; }
  double content() const { return s_.content_indent(); }
  InlineStyle inline_style(const TextStyle& t, const Color& color) const {
    return {t, color, s_.link_color};
  }

  // Lines of a paragraph in style `t` (its face, size, colour and case) of
  // `width` at x offset `indent` (from the left margin), aligned in that
  // width. `tail` is space kept after the last word, on its line.
  std::vector<VLine> paragraph(const RichText& text, const TextStyle& t, double width,
                               double indent, Align align = Align::Left, double tail = 0,
                               const Color* color = nullptr);
  void push(std::vector<VLine> lines, double gap, bool breakable);
  void push_paragraph(std::vector<VLine> lines, double gap, bool breakable);

  void header(const Header& h);
  void section(const DocSection& section, bool first);
  bool block(const Block& b, double gap);
  bool entry(const Block& b, double gap);
  // `shift`: how much further in than an item the mark and the text go.
  void marked(const Block& b, const std::string& mark, double indent, double gap, double shift = 0);
  void sub_bullet(const RichText& text);
  VLine part(const std::string& text, const TextStyle& t);
  VLine place_and_date(const std::string& location, const std::string& date);
  std::vector<VLine> head_line(const RichText& text, const TextStyle& text_style, VLine right,
                               VLine left = {});

  // A page's first baseline: at least the body's ascent below the margin
  // (TeX's \topskip), lower when the line's own ascent is larger.
  double first_baseline(const VLine& v) const {
    return s_.margin_top + std::max(ascent(s_.body), v.ascent);
  }
  std::vector<size_t> page_starts() const;
  Pages paginate();
  void footer(Pages& pages, const std::string& name);

  const Style& s_;
  FontBook& fonts_;
  LayoutCache* cache_;
  bool measure_;  // only the vertical metrics matter: cached lines lose their runs
  const FallbackMap* fallback_ = nullptr;  // the document's
  std::vector<VLine> list_;

 public:
  CutTexts* cut_ = nullptr;  // collects the over-long words

  void move_wide_parts(Document& doc);  // see with_wide_parts_moved
};

// Everything a paragraph's lines depend on, except the gaps, as raw bytes
// (numbers in binary, strings after their length): built on every layout,
// so it must cost next to nothing.
std::string paragraph_key(const RichText& text, const TextStyle& t, const Color& color,
                          double width, double indent, Align align, double tail) {
  std::string key;
  auto put = [&key](const auto& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  };
  auto put_string = [&](const std::string& s) {
    put(s.size());
    key += s;
  };
  const double numbers[] = {t.size, t.leading, color.r, color.g, color.b, width, indent, tail};
  put(numbers);
  put(static_cast<char>(t.face));
  put(static_cast<char>(t.text_case));
  put(static_cast<char>(align));
  for (const Span& s : text) {
    put(static_cast<char>(s.kind));
    put(static_cast<char>(s.bold));
    put(static_cast<char>(s.italic));
    put(s.fallback);
    put_string(s.text);
    put_string(s.link);
  }
  return key;
}

// The lines without their contents: all that paginating needs.
std::vector<VLine> metrics_of(const std::vector<VLine>& lines) {
  std::vector<VLine> out(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    out[i].leading = lines[i].leading;
    out[i].ascent = lines[i].ascent;
    out[i].width = lines[i].width;
  }
  return out;
}

std::vector<VLine> Engine::paragraph(const RichText& text, const TextStyle& t, double width,
                                     double indent, Align align, double tail, const Color* color) {
  const Color& ink = color ? *color : s_.color(t.color);
  std::string key;
  if (cache_) {
    key = paragraph_key(text, t, ink, width, indent, align, tail);
    auto found = cache_->paragraphs.find(key);
    if (found != cache_->paragraphs.end())
      return measure_ ? metrics_of(found->second) : found->second;
  }
  RichText styled = with_fallback(with_case(text, t.text_case), *fallback_);
  if (t.text_case == TextCase::SmallCaps) styled = with_small_caps(styled, s_, t.face);
  std::vector<Word> words = shape_words(styled, inline_style(t, ink), s_, fonts_);
  if (!words.empty()) words.back().width += tail;
  CutWords cut;
  std::vector<Line> lines = break_lines(std::move(words), width, fonts_, cut_ ? &cut : nullptr);
  if (!cut.empty()) {
    auto same = [&](const auto& entry) { return entry.first == text; };
    auto found = std::find_if(cut_->begin(), cut_->end(), same);
    if (found == cut_->end()) found = cut_->insert(cut_->end(), {text, {}});
    for (const auto& [word, at] : cut) found->second[word].insert(at.begin(), at.end());
  }
  std::vector<VLine> out;
  for (const Line& line : lines) {
    VLine v;
    v.leading = t.leading;
    v.ascent = ascent(t);  // the strut's, or a taller formula's (TeX's box height)
    for (const Word& word : line.words)
      for (const Piece& piece : word.pieces)
        if (piece.math) v.ascent = std::max(v.ascent, piece.math->height);
    v.width = line.width;
    const double room = width - line.width;
    const double x = s_.margin_left + indent +
                     (align == Align::Center  ? room / 2
                      : align == Align::Right ? room
                                              : 0);
    // Measuring without a cache, nobody will read the glyphs.
    if (!measure_ || cache_) {
      // Link boxes: the face's ascent and descent, shrunk in proportion to
      // fit the leading, so the boxes of neighbouring lines never overlap.
      const double fit = std::min(1.0, t.leading / (ascent(t) + descent(t)));
      render_line(line, x, ascent(t) * fit, descent(t) * fit, fonts_, v.runs, v.rules, v.links);
    }
    out.push_back(std::move(v));
  }
  if (cache_) cache_->paragraphs.emplace(std::move(key), out);
  return out;
}

// Appends lines that must stay together (no break between them).
void Engine::push(std::vector<VLine> lines, double gap, bool breakable) {
  for (size_t i = 0; i < lines.size(); ++i) {
    lines[i].gap = i == 0 ? gap : 0;
    lines[i].breakable = i == 0 && breakable;
    list_.push_back(std::move(lines[i]));
  }
}

// Appends a paragraph: a break may fall between its lines except after the
// first and before the last (TeX's club and widow penalties of 10000).
void Engine::push_paragraph(std::vector<VLine> lines, double gap, bool breakable) {
  const size_t n = lines.size();
  for (size_t i = 0; i < n; ++i) {
    lines[i].gap = i == 0 ? gap : 0;
    lines[i].breakable = i == 0 ? breakable : (i != 1 && i != n - 1);
    list_.push_back(std::move(lines[i]));
  }
}

void Engine::header(const Header& h) {
  const double w = text_width();
  bool first = true;
  auto part = [&](const RichText& text, const TextStyle& t) {
    if (is_blank(text)) return;
    push(paragraph(text, t, w, 0, s_.header_align), first ? 0 : s_.header_gap.value, false);
    first = false;
  };
  const HeaderLines lines = header_lines(h, s_);
  part(plain(h.name), s_.name_text);
  part(lines.headline, s_.headline_text);
  part(lines.tagline, s_.tagline_text);
  part(lines.contacts, s_.contact_text);
}

// A short text (a date, a location) set as one line of words, at x = 0;
// an empty line for "". No kerning across its spaces, as in TeX's \hbox.
VLine Engine::part(const std::string& text, const TextStyle& t) {
  std::vector<VLine> lines =
      text.empty() ? std::vector<VLine>() : paragraph(plain(text), t, 1e9, 0);
  if (lines.empty()) return {};
  for (GlyphRun& run : lines.front().runs) run.x -= s_.margin_left;
  return std::move(lines.front());
}

// "<location> <separator> <date>" (location_text, then the separator and the
// date in date_text, a space of the date's font each side of the
// separator), or whichever of the two there is.
VLine Engine::place_and_date(const std::string& location, const std::string& date) {
  VLine place = part(location, s_.location_text), when = part(date, s_.date_text);
  if (when.width <= 0) return place;
  if (place.width <= 0) return when;
  const VLine separator = part(s_.contact_separator, s_.date_text);
  const TextStyle& t = s_.date_text;
  const double space = fonts_.space_width(fonts_.load(face(t).file), t.size);
  const double date_x = place.width + space + separator.width + space;
  for (const GlyphRun& run : separator.runs) {
    place.runs.push_back(run);
    place.runs.back().x += place.width + space;
  }
  for (GlyphRun& run : when.runs) {
    run.x += date_x;
    place.runs.push_back(std::move(run));
  }
  place.width = date_x + when.width;
  return place;
}

// An entry's head line: `text` in the content column, with `right`
// right-aligned on its first line (the text wraps date_gap short of it), and
// `left` right-aligned in the date column, date_gap short of the content.
std::vector<VLine> Engine::head_line(const RichText& text, const TextStyle& text_style, VLine right,
                                     VLine left) {
  const double width = text_width() - content() - (right.width > 0 ? right.width + s_.date_gap : 0);
  std::vector<VLine> lines = paragraph(text, text_style, width, content());
  if (lines.empty()) {  // only a date or location
    VLine v;
    v.leading = text_style.leading;
    v.ascent = ascent(text_style);
    lines.push_back(std::move(v));
  }
  // In reading order: a date in the left column before the title, one on the right after it.
  auto add = [&](VLine& from, double x, bool before) {
    for (GlyphRun& run : from.runs) run.x += s_.margin_left + x;
    std::vector<GlyphRun>& runs = lines.front().runs;
    runs.insert(before ? runs.begin() : runs.end(), std::make_move_iterator(from.runs.begin()),
                std::make_move_iterator(from.runs.end()));
  };
  add(right, text_width() - right.width, false);
  add(left, content() - s_.date_gap - left.width, true);
  return lines;
}

// Pushes an entry; true when it is a one-liner (no subtitle, no paragraph
// or item), which keeps a section's next or previous block with it.
bool Engine::entry(const Block& b, double gap) {
  const bool has_subtitle = !is_blank(b.subtitle);
  // What goes right of the title and subtitle lines, and in the date column.
  // Without a subtitle line, the title line holds the location too.
  VLine title_right, subtitle_right, date_column;
  switch (s_.dates) {
    case DatePlacement::Right:
      title_right = has_subtitle ? part(b.date, s_.date_text) : place_and_date(b.location, b.date);
      subtitle_right = part(b.location, s_.location_text);
      break;
    case DatePlacement::Below:
      title_right =
          has_subtitle ? part(b.location, s_.location_text) : place_and_date(b.location, b.date);
      subtitle_right = part(b.date, s_.date_text);
      break;
    case DatePlacement::Left:
      (has_subtitle ? subtitle_right : title_right) = part(b.location, s_.location_text);
      date_column = part(b.date, s_.date_text);
      break;
  }
  push(head_line(b.title, s_.title_text, std::move(title_right), std::move(date_column)), gap,
       true);
  if (has_subtitle)
    push(head_line(b.subtitle, s_.subtitle_text, std::move(subtitle_right)), 0, false);

  // The paragraphs and items ("parts"), each the first line of one.
  std::vector<size_t> parts;
  auto note = [&](size_t before) {
    if (list_.size() > before) parts.push_back(before);
  };
  for (const RichText& p : b.paragraphs) {
    const size_t before = list_.size();
    push_paragraph(paragraph(p, s_.body, text_width() - content(), content()), s_.item_gap.value,
                   true);
    note(before);
  }
  for (const Item& item : b.items) {
    const size_t before = list_.size();
    Block bullet;
    bullet.paragraphs = {item.text};
    marked(bullet, s_.bullet, s_.item_indent, s_.item_gap.value);
    note(before);
    for (const RichText& sub : item.subitems) {
      const size_t sub_before = list_.size();
      sub_bullet(sub);
      note(sub_before);
    }
  }
  // The first part stays with the head; without a subtitle, so does the
  // second (the title then has at least two lines after it). The last part
  // stays with the one before it, so a page never starts with an entry's
  // last bullet alone.
  const size_t keep = has_subtitle ? 1 : 2;
  for (size_t k = 0; k < parts.size(); ++k)
    list_[parts[k]].breakable = k >= keep && k + 1 < parts.size();
  return !has_subtitle && parts.empty();
}

// A sub-bullet: an item one item_indent further in, with the nested mark.
void Engine::sub_bullet(const RichText& text) {
  Block sub;
  sub.paragraphs = {text};
  marked(sub, s_.nested_bullet, s_.item_indent, s_.item_gap.value, s_.item_indent);
}

// A paragraph of the content column with a hanging indent and a mark on its
// first line: the bullet (bullet_offset into the indent, bullet_color) or a
// number (right-aligned, number_gap short of the text).
void Engine::marked(const Block& b, const std::string& mark, double indent, double gap,
                    double shift) {
  const RichText& text = b.paragraphs.empty() ? RichText{} : b.paragraphs.front();
  const double left = content() + shift + indent;
  std::vector<VLine> lines = paragraph(text, s_.body, text_width() - left, left);
  if (lines.empty()) return;
  const bool bullet = b.kind != BlockKind::Numbered;
  const Color& ink = s_.color(bullet ? s_.bullet_color : s_.body.color);
  std::vector<VLine> m = paragraph(plain(mark), s_.body, 1e9, 0, Align::Left, 0, &ink);
  if (!m.empty()) {  // first in the content stream, as it is read: "• text", not "text •"
    const double x =
        bullet ? content() + shift + s_.bullet_offset : left - s_.number_gap - m.front().width;
    for (GlyphRun& run : m.front().runs) run.x += x;
    std::vector<GlyphRun>& runs = lines.front().runs;
    runs.insert(runs.begin(), std::make_move_iterator(m.front().runs.begin()),
                std::make_move_iterator(m.front().runs.end()));
  }
  push_paragraph(std::move(lines), gap, true);
}

// Pushes a block; true when it is a one-liner kind (OneLine, Bullet,
// Numbered, Text, or an Entry with only a title line).
bool Engine::block(const Block& b, double gap) {
  switch (b.kind) {
    case BlockKind::Entry:
      return entry(b, gap);
    case BlockKind::Bullet:  // with its sub-bullets when it is an item (fit.h)
      marked(b, s_.bullet, s_.item_indent, gap);
      for (const Item& sub : b.items) sub_bullet(sub.text);
      return true;
    case BlockKind::Numbered:
      marked(b, b.marker, s_.number_indent, gap);
      return true;
    case BlockKind::OneLine:
    case BlockKind::Text:
      if (!b.paragraphs.empty())
        push_paragraph(
            paragraph(b.paragraphs.front(), s_.body, text_width() - content(), content()), gap,
            true);
      return true;
  }
  return true;
}

void Engine::section(const DocSection& section, bool first) {
  const bool after = s_.section_rule == SectionRule::After;
  std::vector<VLine> title = paragraph(plain(section.title), s_.section_text, text_width(), 0,
                                       Align::Left, after ? s_.rule_gap : 0);
  if (title.empty()) {  // a blank title still takes its line, as in TeX
    VLine v;
    v.leading = s_.section_text.leading;
    v.ascent = ascent(s_.section_text);
    title.push_back(std::move(v));
  }
  const Color& rule_color = s_.color(s_.rule_color);
  if (s_.section_rule == SectionRule::Below) {
    title.back().rules.push_back(
        {s_.margin_left, s_.rule_offset, text_width(), s_.rule_width, rule_color});
  } else if (after && title.back().width < text_width()) {
    const double start = title.back().width;
    title.back().rules.push_back(
        {s_.margin_left + start, s_.rule_offset, text_width() - start, s_.rule_width, rule_color});
  }
  title.front().outline = section.title;
  push(std::move(title), first ? s_.header_after.value : s_.section_before.value, true);

  // The blocks that show something: where each starts, and whether it is a one-liner.
  std::vector<std::pair<size_t, bool>> shown;
  for (const Block& b : section.blocks) {
    const size_t before = list_.size();
    const bool one_liner = block(b, shown.empty() ? s_.section_after.value : s_.block_gap.value);
    if (list_.size() > before) shown.emplace_back(before, one_liner);
  }
  // The first block stays with the title, and so does the second when the
  // first is a one-liner; a one-liner that ends the section stays with the
  // block before it (a list never leaves its last item alone on a page).
  for (size_t k = 0; k < shown.size(); ++k) {
    const bool with_title = k == 0 || (k == 1 && shown[0].second);
    const bool ends_list = k > 0 && k + 1 == shown.size() && shown[k].second;
    list_[shown[k].first].breakable = !with_title && !ends_list;
  }
}

// Greedy page breaking: the first line that does not fit ends the page at
// the last allowed break before it. Returns the index of each page's first line.
std::vector<size_t> Engine::page_starts() const {
  const double bottom = s_.page_height - s_.margin_bottom;
  std::vector<size_t> starts = {0};
  double baseline = 0;
  for (size_t i = 0; i < list_.size(); ++i) {
    const bool top = i == starts.back();
    baseline = top ? first_baseline(list_[i]) : baseline + list_[i].gap + list_[i].leading;
    if (top || baseline <= bottom + kEpsilon) continue;
    size_t cut = i;
    while (cut > starts.back() + 1 && !list_[cut].breakable) --cut;
    if (!list_[cut].breakable) cut = i;  // no legal break: break here all the same
    starts.push_back(cut);
    i = cut - 1;
  }
  return starts;
}

Pages Engine::paginate() {
  Pages pages;
  pages.width = s_.page_width;
  pages.height = s_.page_height;
  const std::vector<size_t> starts = page_starts();
  size_t page = 0;
  double baseline = 0;
  for (size_t i = 0; i < list_.size(); ++i) {
    if (page + 1 < starts.size() && i == starts[page + 1]) ++page;
    if (i == starts[page]) pages.pages.emplace_back();
    VLine& v = list_[i];
    baseline = i == starts[page] ? first_baseline(v) : baseline + v.gap + v.leading;
    Page& p = pages.pages.back();
    for (GlyphRun& r : v.runs) {
      r.y += baseline;  // a formula's runs sit above or below it
      p.runs.push_back(std::move(r));
    }
    for (Rule& r : v.rules) {
      r.y += baseline;
      p.rules.push_back(r);
    }
    for (LinkArea& l : v.links) {
      l.y += baseline;
      p.links.push_back(std::move(l));
    }
    if (!v.outline.empty()) {
      pages.outline.push_back({v.outline, static_cast<int>(page), baseline - v.ascent});
    }
  }
  pages.content_bottom = baseline;
  return pages;
}

void Engine::footer(Pages& pages, const std::string& name) {
  const size_t total = pages.pages.size();
  for (size_t n = 0; n < total; ++n) {
    std::string text =
        name + " \xE2\x80\x94 page " + std::to_string(n + 1) + " of " + std::to_string(total);
    TextStyle t = s_.footer_text;
    t.text_case = TextCase::AsWritten;  // the LaTeX footer writes "page N of M" as is
    std::vector<VLine> lines = paragraph(plain(text), t, text_width(), 0, Align::Center);
    for (GlyphRun& r : lines.front().runs) {
      r.y += s_.page_height - s_.margin_bottom + s_.footer_skip;
      pages.pages[n].runs.push_back(std::move(r));
    }
  }
}

Pages Engine::run(const Document& doc) {
  list_.clear();
  fallback_ = &doc.fallback;
  header(doc.header);
  bool first = true;
  for (const DocSection& sec : doc.sections) {
    if (sec.blocks.empty()) continue;
    section(sec, first);
    first = false;
  }
  Pages pages = paginate();
  if (pages.pages.empty()) pages.pages.emplace_back();
  if (doc.footer && !measure_) footer(pages, doc.header.name);
  pages.fonts = fonts_.files();
  return pages;
}

void Engine::move_wide_parts(Document& doc) {
  fallback_ = &doc.fallback;
  auto width = [&](const std::string& text, const TextStyle& t) {
    const std::vector<VLine> lines = paragraph(plain(text), t, 1e9, 0);
    return lines.empty() ? 0.0 : lines.front().width;
  };
  const bool left_dates = s_.dates == DatePlacement::Left;
  // Beside a title, a part may take half of the content column; a date in
  // the left column may reach the page's edge, no further.
  const double right_room = (text_width() - content()) / 2 - s_.date_gap;
  const double date_room = left_dates ? content() - s_.date_gap + s_.margin_left : right_room;
  for (DocSection& section : doc.sections) {
    for (Block& b : section.blocks) {
      if (b.kind != BlockKind::Entry) continue;
      std::vector<RichText> moved;
      if (!b.date.empty() && width(b.date, s_.date_text) > date_room) {
        moved.push_back(plain(std::exchange(b.date, {})));
      }
      if (!b.location.empty() && width(b.location, s_.location_text) > right_room) {
        moved.push_back(plain(std::exchange(b.location, {})));
      }
      b.paragraphs.insert(b.paragraphs.begin(), moved.begin(), moved.end());
    }
  }
}

}  // namespace

HeaderLines header_lines(const Header& header, const Style& style) {
  const RichText separator = plain(" " + style.contact_separator + " ");
  HeaderLines out{header.headline, header.tagline, {}};
  RichText& contacts = style.contacts_with_headline ? out.headline : out.contacts;
  for (const RichText& c : header.contacts) {
    if (is_blank(c)) continue;
    if (!is_blank(contacts)) append(contacts, separator);
    append(contacts, c);
  }
  return out;
}

Pages layout(const Document& doc, const Style& style, FontBook& fonts, LayoutCache* cache) {
  return Engine(style, fonts, cache).run(doc);
}

Pages measure_layout(const Document& doc, const Style& style, FontBook& fonts, LayoutCache* cache) {
  return Engine(style, fonts, cache, true).run(doc);
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Puts soft breaks where chosen words of rich text were cut, counting words
// as shape_words splits them (at spaces and soft breaks; a formula joins the
// word it touches and counts as one character), across the texts it is
// given in turn.
class Softener {
 public:
  explicit Softener(const CutWords& cut) : cut_(cut) {}

  // `text` with its cut words softened; the count goes on after it.
  RichText operator()(const RichText& text) {
    RichText out;
    for (Span span : text) {
      if (span.kind == SpanKind::Math) {
        begin_char();
        out.push_back(std::move(span));
        continue;
      }
      std::string softened;
      for (size_t i = 0; i < span.text.size();) {
        if (is_space(span.text[i]) || span.text.compare(i, kSoftBreak.size(), kSoftBreak) == 0) {
          const size_t n = is_space(span.text[i]) ? 1 : kSoftBreak.size();
          softened.append(span.text, i, n);
          in_word_ = false;
          i += n;
          continue;
        }
        if (begin_char()) softened += kSoftBreak;
        const size_t n = std::min(span.text.size() - i, utf8_lead_length(span.text, i));
        softened.append(span.text, i, n);
        i += n;
      }
      span.text = std::move(softened);
      out.push_back(std::move(span));
    }
    return out;
  }

  // Counts the words of `text` and leaves it as it is.
  void skip(const RichText& text) { (*this)(text); }

 private:
  // A character of a word follows: whether a line began before it when its
  // word was cut (a soft break goes there).
  bool begin_char() {
    if (!in_word_) {
      ++words_;
      chars_ = 0;
      in_word_ = true;
      return false;
    }
    ++chars_;
    const auto found = cut_.find(words_ - 1);
    return found != cut_.end() && found->second.count(chars_) > 0;
  }

  const CutWords& cut_;
  size_t words_ = 0;  // words begun
  size_t chars_ = 0;  // characters of the current word before this one
  bool in_word_ = false;
};

}  // namespace

Document with_soft_breaks(const Document& doc, const Style& style, FontBook& fonts,
                          LayoutCache* cache) {
  CutTexts cut;
  // Only the cut words matter; the paragraphs broken on the way serve later
  // layouts. (The cache starts empty here, so no paragraph escapes the count
  // of cut words; a text that is softened gets new keys.)
  Engine engine(style, fonts, cache, true);
  engine.cut_ = &cut;
  engine.run(doc);
  if (cut.empty()) return doc;

  // Only the words that were cut, in the texts they were cut in: the same
  // letters elsewhere still break only at spaces. (A text given twice, in
  // two widths, is softened in both.)
  auto cut_in = [&cut](const RichText& text) -> const CutWords* {
    for (const auto& [source, words] : cut)
      if (source == text) return &words;
    return nullptr;
  };
  auto soften = [&](RichText& text) {
    if (const CutWords* words = cut_in(text)) text = Softener(*words)(text);
  };
  auto soften_plain = [&](std::string& text) {
    const RichText rich = plain(text);
    if (const CutWords* words = cut_in(rich)) text = plain_text(Softener(*words)(rich));
  };

  Document out = doc;
  Header& h = out.header;
  soften_plain(h.name);
  // The contacts in the paragraph the layout sets them in (header_lines):
  // a line of their own, or the headline's end (header.contacts: with-headline).
  const HeaderLines lines = header_lines(doc.header, style);
  const bool with_headline = style.contacts_with_headline;
  if (const CutWords* words = cut_in(with_headline ? lines.headline : lines.contacts)) {
    Softener softener(*words);
    const RichText separator = plain(" " + style.contact_separator + " ");
    bool any = false;  // as header_lines: a separator before each contact but the first
    if (with_headline) {
      h.headline = softener(h.headline);
      any = !is_blank(h.headline);
    }
    for (RichText& contact : h.contacts) {
      if (is_blank(contact)) continue;
      if (any) softener.skip(separator);
      any = true;
      contact = softener(contact);
    }
  }
  for (DocSection& section : out.sections) soften_plain(section.title);
  for_each_text(out, [&](RichText& text, const char* field, const SourceLoc&) {
    const std::string_view f = field;
    if (f != "contact" && !(with_headline && f == "headline")) soften(text);
  });
  return out;
}

Document with_wide_parts_moved(Document doc, const Style& style, FontBook& fonts) {
  Engine(style, fonts, nullptr, true).move_wide_parts(doc);
  return doc;
}

Document prepare_for_style(Document doc, const Style& style, FontBook& fonts, LayoutCache* cache) {
  Document fallback = with_fallback_fonts(std::move(doc), style, fonts);
  return with_soft_breaks(with_wide_parts_moved(std::move(fallback), style, fonts), style, fonts,
                          cache);
}

double GlyphRun::width() const {
  double w = 0;
  for (const Glyph& g : glyphs) w += g.advance;
  return w;
}

}  // namespace cvpress

#include "load/yaml_loader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "load/json_resume.h"
#include "load/overrides.h"
#include "load/yaml_parse.h"
#include "model/section_name.h"
#include "text/markup.h"
#include "text/math.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

// ---------------------------------------------------------------------------
// Text helpers

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The first `token` in `text` from `from` on; a TeX command (\name) only
// where no letter follows, so that \in is not found in \input.
std::size_t find_token(std::string_view text, std::string_view token, std::size_t from = 0) {
  const bool command = token.size() > 1 && token.front() == '\\' && is_letter(token.back());
  for (std::size_t at = text.find(token, from); at != std::string_view::npos;
       at = text.find(token, at + 1)) {
    const std::size_t end = at + token.size();
    if (!command || end >= text.size() || !is_letter(text[end])) return at;
  }
  return std::string_view::npos;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : ", ") + word;
  return out;
}

// ---------------------------------------------------------------------------
// The text before it is YAML: size, BOM and line ends, encoding, nesting.

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxEncodingErrors = 10;

std::string normalize(std::string text) {
  if (text.starts_with(kBom)) text.erase(0, kBom.size());
  std::size_t out = 0;
  for (std::size_t in = 0; in < text.size(); ++in) {
    if (text[in] == '\r' && in + 1 < text.size() && text[in + 1] == '\n') continue;
    text[out++] = text[in];
  }
  text.resize(out);
  return text;
}

// Maps byte offsets and yaml-cpp marks (0-based, columns in bytes) to source
// locations (1-based, columns in characters as column_of() counts them).
class LineIndex {
 public:
  LineIndex(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
    starts_.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
      starts_.push_back(i + 1);
    }
  }

  const std::string& file() const { return file_; }
  std::string_view text() const { return text_; }

  SourceLoc at(int line, int byte_col) const {
    if (line < 0 || byte_col < 0) return {file_};
    const auto index = static_cast<std::size_t>(line);
    if (index >= starts_.size()) return {file_, line + 1, byte_col + 1};
    // Columns are asked for mostly in order along a line, which may be long
    // (a flow list of thousands of items): resume from the last answer.
    const std::size_t end =
        std::min(starts_[index] + static_cast<std::size_t>(byte_col),
                 index + 1 < starts_.size() ? starts_[index + 1] : text_.size());
    if (memo_.line != index || memo_.offset > end) memo_ = {index, starts_[index], 1};
    while (memo_.offset < end) {
      memo_.offset += std::max<std::size_t>(utf8_sequence_length(text_, memo_.offset), 1);
      ++memo_.column;
    }
    return {file_, line + 1, memo_.column};
  }

  SourceLoc at(const YAML::Mark& mark) const { return at(mark.line, mark.column); }

  SourceLoc at_offset(std::size_t offset) const {
    const auto next = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::size_t>(next - starts_.begin()) - 1;
    return at(static_cast<int>(line), static_cast<int>(offset - starts_[line]));
  }

 private:
  struct Memo {
    std::size_t line = static_cast<std::size_t>(-1);
    std::size_t offset = 0;  // a character boundary of that line
    int column = 1;          // its column
  };

  std::string_view text_;
  std::string file_;
  std::vector<std::size_t> starts_;
  mutable Memo memo_;
};

// YAML allows no C0 control character but tab and line ends, and no DEL.
bool is_forbidden_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
}

void check_encoding(std::string_view text, const LineIndex& lines, Diagnostics& diags) {
  std::size_t problems = 0, first_unshown = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    const auto byte = static_cast<unsigned char>(text[i]);
    std::string message;
    if (length == 0) {
      message = fmt::format("invalid UTF-8 byte 0x{:02X}", byte);
    } else if (is_forbidden_control(text[i])) {
      message = fmt::format("control character U+{:04X} is not allowed in YAML", byte);
    }
    if (!message.empty() && problems++ < kMaxEncodingErrors) {
      diags.error(lines.at_offset(i), message, problems == 1 ? "save the file as UTF-8 text" : "");
    } else if (!message.empty() && problems == kMaxEncodingErrors + 1) {
      first_unshown = i;
    }
    i += std::max<std::size_t>(length, 1);
  }
  if (problems > kMaxEncodingErrors) {
    diags.error(lines.at_offset(first_unshown),
                fmt::format("{} more encoding errors are not shown; the next is here",
                            problems - kMaxEncodingErrors),
                "is this a text file? save it as UTF-8");
  }
}

// yaml-cpp's events, checked, then the first document's nodes (load/yaml_parse.h).
std::optional<YAML::Node> parse(const std::string& text, const LineIndex& lines,
                                Diagnostics& diags) {
  ParsedYaml parsed = parse_yaml(text);
  for (YamlProblem& p : parsed.problems) {
    const SourceLoc loc =
        p.offset == kNoOffset ? SourceLoc{lines.file()} : lines.at_offset(p.offset);
    if (p.error)
      diags.error(loc, std::move(p.message), std::move(p.hint));
    else
      diags.warning(loc, std::move(p.message), std::move(p.hint));
  }
  return std::move(parsed.root);
}

// ---------------------------------------------------------------------------
// Dates and titles

// YYYY, YYYY-MM or YYYY-MM-DD, each part all digits.
bool has_calendar_shape(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !is_digit(s[i])) return false;
  }
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// A date as written; `error` is set (and the date left empty) when it looks
// like a calendar date but is not one.
Date parse_date(std::string_view written, std::string& error) {
  const std::string_view text = trim(written);
  Date date;
  if (iequals(text, "present")) {
    date.present = true;
    return date;
  }
  if (!has_calendar_shape(text)) {
    date.text = std::string(text);
    return date;
  }
  const int year = number(text.substr(0, 4));
  const int month = text.size() >= 7 ? number(text.substr(5, 2)) : 0;
  const int day = text.size() == 10 ? number(text.substr(8, 2)) : 0;
  if (year == 0) {
    error = "year 0000 is not a year";
  } else if (text.size() >= 7 && (month < 1 || month > 12)) {
    error = fmt::format("month {} is not between 1 and 12", month);
  } else if (text.size() == 10 && (day < 1 || day > days_in_month(year, month))) {
    error = fmt::format("day {} is not a day of {}-{:02}", day, year, month);
  }
  if (!error.empty()) return {};
  date.year = year;
  date.month = month;
  date.day = day;
  return date;
}

// Whether `end` is before `start`, compared as far as both are precise.
bool ends_before(const Date& end, const Date& start) {
  if (end.year == 0 || start.year == 0) return false;  // present, free text
  if (end.year != start.year) return end.year < start.year;
  if (end.month == 0 || start.month == 0) return false;
  if (end.month != start.month) return end.month < start.month;
  return end.day != 0 && start.day != 0 && end.day < start.day;
}

// "selected_projects" -> "Selected Projects"; a key with capitals is kept as
// written ("Welcome to RenderCV").
std::string section_title(std::string_view key) {
  if (std::any_of(key.begin(), key.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return std::string(key);
  }
  std::string title(key);
  bool word_start = true;
  for (char& c : title) {
    if (c == '_') c = ' ';
    if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    word_start = c == ' ';
  }
  return title;
}

// RenderCV writes "us-letter"; cvpress says "letter".
std::string page_size_name(std::string_view written) {
  std::string name(trim(written));
  std::transform(name.begin(), name.end(), name.begin(), lower);
  return name == "us-letter" ? "letter" : name;
}

std::string_view describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "text";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    default:
      return "nothing";
  }
}

// ---------------------------------------------------------------------------
// From YAML nodes to the model. Every map is read through a table of fields:
// the same table says which keys are known (for the unknown-key warnings),
// which are required, and for entries which kind the keys identify.

class Reader;

template <class T>
struct Field {
  std::string_view key;
  void (*read)(Reader&, const YAML::Node&, T&);
  bool required = false;
  // For the description of the input (input_schema()): the kind of value, what
  // it means, and for a map with its own table (ValueKind::Object) that table.
  ValueKind kind = ValueKind::Text;
  std::string_view doc;
  const Field* children = nullptr;
  std::size_t child_count = 0;
};

template <class T>
using FieldTable = std::span<const Field<T>>;

class Reader {
 public:
  Reader(const LineIndex& lines, Diagnostics& diags, std::size_t budget, const NodeOrigins& origins)
      : lines_(lines), diags_(diags), budget_(budget), origins_(origins) {}

  SourceLoc loc(const YAML::Node& node) const {
    if (!node.IsDefined()) return {lines_.file()};
    if (const std::string* origin = origins_.find(node)) return {*origin};  // --set
    return lines_.at(node.Mark());
  }
  void error(const YAML::Node& at, std::string message, std::string hint = {}) {
    diags_.error(loc(at), std::move(message), std::move(hint));
  }
  void warning(const YAML::Node& at, std::string message, std::string hint = {}) {
    diags_.warning(loc(at), std::move(message), std::move(hint));
  }

  // Reads the pairs of `map` into `target` through the fields of `tables`.
  // `where` names the map in messages ("an experience entry").
  template <class T>
  void read_map(const YAML::Node& map, std::initializer_list<FieldTable<T>> tables, T& target,
                std::string_view where);

  // One reader per destination type; the type says what is expected.
  void read(const YAML::Node& node, std::string& out);
  void read(const YAML::Node& node, RichText& out);
  void read(const YAML::Node& node, std::vector<RichText>& out);
  void read(const YAML::Node& node, std::vector<std::string>& out);
  void read(const YAML::Node& node, Date& out);
  void read(const YAML::Node& node, int& priority);
  void read(const YAML::Node& node, std::vector<Highlight>& out);
  void read(const YAML::Node& node, std::vector<SocialNetwork>& out);
  void read(const YAML::Node& node, std::vector<Section>& out);
  void read(const YAML::Node& node, std::vector<Profile>& out);
  void read(const YAML::Node& node, std::vector<std::pair<std::string, std::string>>& overrides);

 private:
  template <class Fn>
  void for_each_pair(const YAML::Node& map, Fn fn);
  template <class Fn>
  void for_each_item(const YAML::Node& list, Fn fn);

  bool expect(const YAML::Node& node, YAML::NodeType::value type, std::string_view expected);
  std::optional<std::string> scalar(const YAML::Node& node, std::string_view expected);
  bool spend(std::size_t units, const YAML::Node& at);
  bool count_item(const YAML::Node& at);
  void unknown_key(const YAML::Node& key, std::string_view where,
                   const std::vector<std::string>& known);
  std::optional<Entry> read_entry(const YAML::Node& node);
  void check_date_order(const YAML::Node& map, const Entry& entry);
  void check_formulas(const YAML::Node& node, const std::string& text, const RichText& spans);
  SourceLoc locate_in_scalar(const YAML::Node& node, std::string_view text, std::size_t offset,
                             std::string_view needle) const;

  const LineIndex& lines_;
  Diagnostics& diags_;
  // Work left, in scalar bytes and nodes: aliases can make a small file
  // expand without bound, and every read spends from this.
  std::size_t budget_;
  bool exhausted_ = false;
  std::size_t items_ = 0;  // list items read: at most kMaxItems
  const NodeOrigins& origins_;
};

template <class M>
struct MemberTraits;
template <class C, class V>
struct MemberTraits<V C::*> {
  using Owner = C;
  using Value = V;
};

// The kind of value a member of this type is read from.
template <class V>
constexpr ValueKind kind_of() {
  using std::is_same_v, std::string, std::vector;
  if constexpr (is_same_v<V, string>)
    return ValueKind::Text;
  else if constexpr (is_same_v<V, RichText>)
    return ValueKind::Markup;
  else if constexpr (is_same_v<V, vector<RichText>>)
    return ValueKind::MarkupList;
  else if constexpr (is_same_v<V, vector<string>>)
    return ValueKind::Names;
  else if constexpr (is_same_v<V, Date>)
    return ValueKind::Date;
  else if constexpr (is_same_v<V, int>)
    return ValueKind::Priority;
  else if constexpr (is_same_v<V, vector<Highlight>>)
    return ValueKind::Highlights;
  else if constexpr (is_same_v<V, vector<SocialNetwork>>)
    return ValueKind::SocialNetworks;
  else if constexpr (is_same_v<V, vector<Section>>)
    return ValueKind::Sections;
  else if constexpr (is_same_v<V, vector<Profile>>)
    return ValueKind::Profiles;
  else {
    static_assert(is_same_v<V, vector<std::pair<string, string>>>, "a member type without a kind");
    return ValueKind::Overrides;
  }
}

// A field read into `Member` by the reader for the member's type; the type
// also gives its ValueKind.
template <auto Member>
constexpr auto field(std::string_view key, std::string_view doc, bool required = false) {
  using Traits = MemberTraits<decltype(Member)>;
  using Owner = typename Traits::Owner;
  return Field<Owner>{
      key, [](Reader& r, const YAML::Node& node, Owner& owner) { r.read(node, owner.*Member); },
      required, kind_of<typename Traits::Value>(), doc};
}

// A field read by a function of its own.
template <class T>
constexpr Field<T> custom(std::string_view key, void (*read)(Reader&, const YAML::Node&, T&),
                          ValueKind kind, std::string_view doc) {
  return Field<T>{key, read, false, kind, doc};
}

// A map read through a table of its own.
template <class T, std::size_t N>
constexpr Field<T> object(std::string_view key, void (*read)(Reader&, const YAML::Node&, T&),
                          const std::array<Field<T>, N>& table, std::string_view doc,
                          bool required = false) {
  return Field<T>{key, read, required, ValueKind::Object, doc, table.data(), N};
}

// -- Entries

constexpr std::array kEducationFields{
    field<&Entry::institution>("institution", "The school or university.", true),
    field<&Entry::area>("area", "The field of study."),
    field<&Entry::degree>("degree", "The degree: PhD, MSc, BEng, ...")};
constexpr std::array kExperienceFields{
    field<&Entry::company>("company", "The employer.", true),
    field<&Entry::position>("position", "The role held there.", true)};
constexpr std::array kPublicationFields{
    field<&Entry::title>("title", "The title of the work.", true),
    field<&Entry::authors>("authors", "The authors, in order; the CV's own name is set in bold."),
    field<&Entry::journal>("journal", "Where it appeared: journal, conference, preprint server.")};
constexpr std::array kNormalFields{
    field<&Entry::name>("name", "What the entry is: a project, talk, award, ...", true)};
constexpr std::array kOneLineFields{
    field<&Entry::label>("label", "The bold label before the colon.", true),
    field<&Entry::details>("details", "The text after the label.", true)};
constexpr std::array kBulletFields{
    field<&Entry::text>("bullet", "The text after the bullet mark.", true)};
constexpr std::array kNumberedFields{
    field<&Entry::text>("number", "The text after its number (1., 2., ...).", true)};
constexpr std::array kReversedNumberedFields{
    field<&Entry::text>("reversed_number", "The text after its number, counting down to 1.", true)};
constexpr std::array kTextFields{field<&Entry::text>("text", "The paragraph.", true)};

constexpr std::array kSharedEntryFields{
    field<&Entry::date>("date", "A single date, instead of start_date and end_date."),
    field<&Entry::start_date>("start_date", "When it began."),
    field<&Entry::end_date>("end_date", "When it ended; `present` while it lasts."),
    field<&Entry::location>("location", "Where it was."),
    field<&Entry::summary>("summary", "A paragraph under the entry's head."),
    field<&Entry::highlights>("highlights", "Bullets under the entry."),
    field<&Entry::url>("url", "A link: shown on normal entries, and on publications without doi."),
    field<&Entry::doi>("doi", "The DOI of a publication (10.xxxx/...), shown as a link."),
    field<&Entry::tags>("tags",
                        "cvpress: names to select the entry by, with --tags and --exclude-tags."),
    field<&Entry::priority>("priority", "cvpress: how readily the one-page CV drops the entry.")};

struct EntrySchema {
  EntryKind kind;
  std::string_view name;     // in the JSON Schema and the reference
  std::string_view where;    // in messages
  FieldTable<Entry> fields;  // the keys of this kind; the shared keys come on top
  std::string_view doc;
};

// In order of precedence when an entry has keys of several kinds equally.
constexpr std::array kEntrySchemas{
    EntrySchema{EntryKind::Education, "education", "an education entry", kEducationFields,
                "An education entry: institution, area, degree."},
    EntrySchema{EntryKind::Experience, "experience", "an experience entry", kExperienceFields,
                "An experience entry: company and position."},
    EntrySchema{EntryKind::Publication, "publication", "a publication entry", kPublicationFields,
                "A publication: title, authors, journal, and a doi or url."},
    EntrySchema{EntryKind::Normal, "normal", "a normal entry", kNormalFields,
                "A normal entry: a named project, talk, award, ..."},
    EntrySchema{EntryKind::OneLine, "one_line", "a one-line entry", kOneLineFields,
                "A one-line entry: **label:** details."},
    EntrySchema{EntryKind::Bullet, "bullet", "a bullet entry", kBulletFields, "A bullet point."},
    EntrySchema{EntryKind::Numbered, "numbered", "a numbered entry", kNumberedFields,
                "A numbered item: 1., 2., ..."},
    EntrySchema{EntryKind::ReversedNumbered, "reversed_numbered", "a reversed numbered entry",
                kReversedNumberedFields, "A numbered item, counting down to 1."},
    // Last: `text` is also a highlight's key, and a map with another kind's
    // key is that kind.
    EntrySchema{EntryKind::Text, "text", "a text entry", kTextFields,
                "A paragraph of text, written as a map so that it can carry tags and priority "
                "(a plain string is a paragraph too)."},
};

// The keys of `map` that have a value.
std::vector<std::string> keys_with_values(const YAML::Node& map) {
  std::vector<std::string> keys;
  for (const auto& pair : map) {
    if (pair.first.IsScalar() && !pair.second.IsNull()) keys.push_back(pair.first.Scalar());
  }
  return keys;
}

// The kind with the most of its own keys present; nullptr when none is.
const EntrySchema* detect_kind(const YAML::Node& map) {
  const int kind = detect_entry_kind(input_schema(), keys_with_values(map));
  return kind < 0 ? nullptr : &kEntrySchemas[static_cast<std::size_t>(kind)];
}

std::string entry_kinds_hint() {
  std::vector<std::string> keys;
  for (const EntrySchema& schema : kEntrySchemas) keys.emplace_back(schema.fields.front().key);
  return fmt::format("an entry is text, or a map with one of: {}", join(keys));
}

// -- Everything else

constexpr std::array kHighlightFields{
    field<&Highlight::text>(
        "text", "The text of the bullet; each ` - ` starts a sub-bullet, as in RenderCV.", true),
    field<&Highlight::tags>("tags", "cvpress: names to select the bullet by, as on entries."),
    field<&Highlight::priority>("priority",
                                "cvpress: how readily the one-page CV drops the bullet.")};
void read_profile_style(Reader& r, const YAML::Node& node, Profile& profile) {
  r.read(node, profile.style);
  profile.style_loc = r.loc(node);
}

constexpr std::array kSocialNetworkFields{
    field<&SocialNetwork::network>(
        "network", "The site: LinkedIn, GitHub, GitLab, ORCID, Google Scholar, X, ...", true),
    field<&SocialNetwork::username>("username", "The name or id there.", true),
    field<&SocialNetwork::url>("url",
                               "cvpress: the profile's address, for a network that "
                               "cvpress does not link by itself.")};
constexpr std::array kProfileFields{
    field<&Profile::tags>("tags", "Keep tagged items only if they carry one of these (--tags)."),
    field<&Profile::exclude_tags>("exclude_tags",
                                  "Drop items carrying any of these (--exclude-tags)."),
    field<&Profile::sections>("sections", "Only these sections, in this order (--sections)."),
    field<&Profile::overrides>("overrides",
                               "Changes to the file, by dot path (--set PATH=VALUE); the "
                               "command line's --set comes after these."),
    custom<Profile>("style", read_profile_style, ValueKind::Text, "The style to use (--style).")};

void read_page_size(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read(node, cv.page_size);
  cv.page_size = page_size_name(cv.page_size);
  if (cv.page_size.empty() || cv.page_size == "a4" || cv.page_size == "letter") return;
  r.warning(node, fmt::format("cvpress has no page size `{}`; the style's is used", cv.page_size),
            "write a4 or letter");
  cv.page_size.clear();
}

void read_theme(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read(node, cv.theme);
  cv.theme_loc = r.loc(node);
}

void read_current_date(Reader& r, const YAML::Node& node, Cv& cv) {
  if (node.IsScalar() && iequals(trim(node.Scalar()), "today")) return;  // empty: today
  r.read(node, cv.current_date);
}

constexpr std::array kPageFields{custom<Cv>("size", read_page_size, ValueKind::PageSize,
                                            "The paper size; --paper overrides it.")};

void read_page(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read_map(node, {FieldTable<Cv>(kPageFields)}, cv, "`design.page`");
}

constexpr std::array kDesignFields{
    custom<Cv>("theme", read_theme, ValueKind::Text,
               "The style to use, by name; --style overrides it."),
    object<Cv>("page", read_page, kPageFields, "The page."),
    custom<Cv>("page_size", read_page_size, ValueKind::PageSize, "As design.page.size.")};
// cvpress writes its few words (month names, "Present", "page N of M") in
// English only: another language is kept, and said to have no effect.
void read_language(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read(node, cv.language);
  const std::string_view language = trim(cv.language);
  if (language.empty() || iequals(language, "english") || iequals(language, "en") ||
      iequals(language, "en_us") || iequals(language, "en-us") || iequals(language, "en_gb") ||
      iequals(language, "en-gb")) {
    return;
  }
  r.warning(node,
            fmt::format("cvpress writes month names, \"Present\" and \"page N of M\" in English "
                        "only; `language: {}` does not change them",
                        language),
            "your own text is shown as written, and so is a date written as text "
            "(`date: März 2021 – heute`)");
}

constexpr std::array kLocaleFields{custom<Cv>("language", read_language, ValueKind::Text,
                                              "The language of the CV, by name (english, ...); "
                                              "cvpress writes its own words in English.")};
constexpr std::array kSettingsFields{custom<Cv>(
    "current_date", read_current_date, ValueKind::CurrentDate,
    "The date the CV is as of; the PDF's creation date unless SOURCE_DATE_EPOCH is set.")};
constexpr std::array kCvFields{
    field<&Cv::name>("name", "Your name, at the top."),
    field<&Cv::headline>("headline", "A line under the name: your position, your field."),
    field<&Cv::tagline>("tagline", "cvpress: a second line under the headline."),
    field<&Cv::location>("location", "Where you live or work."),
    field<&Cv::email>("email", "Your e-mail address, shown as a mailto: link."),
    field<&Cv::phone>("phone", "Your phone number, shown as a tel: link."),
    field<&Cv::website>("website", "Your website, shown as a link."),
    field<&Cv::social_networks>("social_networks",
                                "Your profiles elsewhere, linked in the header."),
    field<&Cv::sections>("sections",
                         "The sections, in order: each key is a title (selected_projects is shown "
                         "as Selected Projects), each value a list of entries.")};

void read_cv(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read_map(node, {FieldTable<Cv>(kCvFields)}, cv, "`cv`");
  if (!node.IsMap()) return;
  // The header's values, located for messages about their characters.
  const auto at = [&](const char* key) { return r.loc(node[key]); };
  cv.name_loc = at("name");
  cv.headline_loc = at("headline");
  cv.tagline_loc = at("tagline");
  cv.location_loc = at("location");
  cv.email_loc = at("email");
  cv.phone_loc = at("phone");
  cv.website_loc = at("website");
}

void read_design(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read_map(node, {FieldTable<Cv>(kDesignFields)}, cv, "`design`");
}

void read_locale(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read_map(node, {FieldTable<Cv>(kLocaleFields)}, cv, "`locale`");
}

void read_settings(Reader& r, const YAML::Node& node, Cv& cv) {
  r.read_map(node, {FieldTable<Cv>(kSettingsFields)}, cv, "`settings`");
}

constexpr std::array kTopLevelFields{
    object<Cv>("cv", read_cv, kCvFields, "The CV.", true),
    object<Cv>("design", read_design, kDesignFields,
               "How it looks; cvpress reads the theme and the page size of RenderCV's design."),
    object<Cv>("locale", read_locale, kLocaleFields, "Language settings."),
    object<Cv>("settings", read_settings, kSettingsFields,
               "RenderCV's settings; cvpress reads current_date."),
    field<&Cv::profiles>("profiles",
                         "cvpress: named tailorings, chosen with --profile NAME; flags given on "
                         "the command line add to them (--tags, --exclude-tags) or replace them.")};

// -- The description of the input, from the tables above

template <class T>
std::vector<FieldInfo> describe(FieldTable<T> table);

template <class T>
FieldInfo describe(const Field<T>& f) {
  FieldInfo info{std::string(f.key), f.kind, f.required, std::string(f.doc), {}};
  if (f.children != nullptr) info.fields = describe(FieldTable<T>(f.children, f.child_count));
  if (f.kind == ValueKind::Highlights)
    info.fields = describe(FieldTable<Highlight>(kHighlightFields));
  if (f.kind == ValueKind::SocialNetworks) {
    info.fields = describe(FieldTable<SocialNetwork>(kSocialNetworkFields));
  }
  if (f.kind == ValueKind::Profiles) info.fields = describe(FieldTable<Profile>(kProfileFields));
  return info;
}

template <class T>
std::vector<FieldInfo> describe(FieldTable<T> table) {
  std::vector<FieldInfo> out;
  for (const Field<T>& f : table) out.push_back(describe(f));
  return out;
}

InputSchema describe_input() {
  InputSchema schema;
  schema.top = describe(FieldTable<Cv>(kTopLevelFields));
  for (const EntrySchema& kind : kEntrySchemas) {
    schema.entry_kinds.push_back(
        {std::string(kind.name), std::string(kind.doc), describe(kind.fields)});
  }
  schema.entry_keys = describe(FieldTable<Entry>(kSharedEntryFields));
  return schema;
}

template <class T>
std::vector<std::string> key_names(std::initializer_list<FieldTable<T>> tables) {
  std::vector<std::string> names;
  for (const FieldTable<T>& table : tables) {
    for (const Field<T>& f : table) names.emplace_back(f.key);
  }
  return names;
}

template <class T>
const Field<T>* find_field(std::initializer_list<FieldTable<T>> tables, std::string_view key) {
  for (const FieldTable<T>& table : tables) {
    for (const Field<T>& f : table) {
      if (f.key == key) return &f;
    }
  }
  return nullptr;
}

// -- Reader

template <class T>
void Reader::read_map(const YAML::Node& map, std::initializer_list<FieldTable<T>> tables, T& target,
                      std::string_view where) {
  if (!expect(map, YAML::NodeType::Map, fmt::format("a map for {}", where))) return;
  std::vector<std::string_view> present;
  for_each_pair(map, [&](const YAML::Node& key, const YAML::Node& value) {
    if (value.IsNull()) return;  // `key:` and nothing: as if absent
    const Field<T>* f = find_field(tables, key.Scalar());
    if (f == nullptr) return unknown_key(key, where, key_names(tables));
    present.push_back(f->key);
    f->read(*this, value, target);
  });
  if (exhausted_) return;  // the keys not read are not missing
  for (const FieldTable<T>& table : tables) {
    for (const Field<T>& f : table) {
      if (!f.required || std::find(present.begin(), present.end(), f.key) != present.end()) {
        continue;
      }
      error(map, fmt::format("missing `{}` in {}", f.key, where),
            fmt::format("add `{}: ...` to it", f.key));
    }
  }
}

// Calls fn(key, value) for each pair whose key is a name seen once.
template <class Fn>
void Reader::for_each_pair(const YAML::Node& map, Fn fn) {
  std::unordered_map<std::string, int> first_line;
  for (const auto& pair : map) {
    if (!spend(1, pair.first)) return;
    if (!pair.first.IsScalar()) {
      error(pair.first, fmt::format("expected a key name, found {}", describe(pair.first)));
      continue;
    }
    const auto [first, fresh] = first_line.emplace(pair.first.Scalar(), loc(pair.first).line);
    if (!fresh) {
      error(pair.first, fmt::format("duplicate key `{}`", pair.first.Scalar()),
            fmt::format("it is first given on line {}", first->second));
      continue;
    }
    fn(pair.first, pair.second);
  }
}

template <class Fn>
void Reader::for_each_item(const YAML::Node& list, Fn fn) {
  for (const auto& item : list) {
    if (!spend(1, item) || !count_item(item)) return;
    fn(item);
  }
}

bool Reader::expect(const YAML::Node& node, YAML::NodeType::value type, std::string_view expected) {
  if (node.Type() == type) return true;
  error(node, fmt::format("expected {}, found {}", expected, describe(node)),
        type == YAML::NodeType::Sequence ? "write each item on its own line, after `- `"
        : type == YAML::NodeType::Map
            ? "write `key: value` pairs, indented under this key"
            : "write one value here; quote text that starts with `[` or `{`");
  return false;
}

std::optional<std::string> Reader::scalar(const YAML::Node& node, std::string_view expected) {
  if (!expect(node, YAML::NodeType::Scalar, expected)) return std::nullopt;
  if (!spend(node.Scalar().size() + 1, node)) return std::nullopt;
  if (node.Scalar().size() > kMaxValueBytes) {
    error(node,
          fmt::format("this text is {} long; cvpress reads at most {} in one value",
                      size_name(node.Scalar().size()), size_name(kMaxValueBytes)),
          "a CV's longest text is a paragraph; was something pasted here by mistake?");
    return std::nullopt;
  }
  return node.Scalar();
}

bool Reader::count_item(const YAML::Node& at) {
  if (++items_ <= kMaxItems) return true;
  exhausted_ = true;
  error(at,
        fmt::format("the file holds more than {} list items (entries, highlights, names, "
                    "...); reading stops here",
                    kMaxItems),
        "cvpress reads at most that many: hundreds of pages of CV");
  return false;
}

bool Reader::spend(std::size_t units, const YAML::Node& at) {
  if (exhausted_) return false;
  if (units <= budget_) {
    budget_ -= units;
    return true;
  }
  exhausted_ = true;
  error(at, "the file expands to far more than it holds (aliases of aliases?); reading stops here");
  return false;
}

void Reader::unknown_key(const YAML::Node& key, std::string_view where,
                         const std::vector<std::string>& known) {
  const std::string guess = closest(key.Scalar(), known);
  if (!guess.empty()) {
    return warning(key, fmt::format("unknown key `{}` in {}; it is ignored", key.Scalar(), where),
                   fmt::format("did you mean `{}`?", guess));
  }
  warning(key, fmt::format("`{}` in {} is not used by cvpress; it is ignored", key.Scalar(), where),
          fmt::format("known keys: {}", join(known)));
}

void Reader::read(const YAML::Node& node, std::string& out) {
  if (auto text = scalar(node, "text")) out = std::move(*text);
}

void Reader::read(const YAML::Node& node, RichText& out) {
  const std::optional<std::string> text = scalar(node, "text");
  if (!text) return;
  std::vector<std::string> problems;
  out = parse_markup(*text, &problems);
  for (std::string& problem : problems) warning(node, std::move(problem));
  check_formulas(node, *text, out);
}

// Math that cvpress would not pass to TeX (parse_math refuses it) is an error
// at the offending command, or at the formula when it is not a command.
void Reader::check_formulas(const YAML::Node& node, const std::string& text,
                            const RichText& spans) {
  std::size_t from = 0;  // where the next formula is looked for in `text`
  for (const Span& span : spans) {
    if (span.kind != SpanKind::Math) continue;
    const std::size_t at = text.find("$$" + span.text, from);
    if (at != std::string::npos) from = at + span.text.size() + 4;
    const std::string bad = parse_math(span.text).bad;
    if (bad.empty()) continue;
    std::size_t offset = at;
    std::string_view needle = "$$";
    if (const std::size_t in = find_token(span.text, bad);
        at != std::string::npos && in != std::string::npos) {
      offset = at + 2 + in;
      needle = bad;
    }
    diags_.error(locate_in_scalar(node, text, offset, needle),
                 bad == "end of math"
                     ? std::string("math ends before it is complete: an argument, a script or a "
                                   "\\right is missing")
                     : fmt::format("math uses `{}`, which cvpress does not allow", bad),
                 "math may use Greek letters, \\frac, \\sqrt, \\left/\\right, \\mathrm-style "
                 "fonts, operators and spacing commands");
  }
}

// Where `needle`, found at `offset` of the scalar's value `text`, is in the
// file: the same occurrence of it after the scalar's start, which holds also
// for quoted and multi-line scalars (escapes and folding do not reorder
// text). The scalar's start when it cannot be told.
SourceLoc Reader::locate_in_scalar(const YAML::Node& node, std::string_view text,
                                   std::size_t offset, std::string_view needle) const {
  const SourceLoc start = loc(node);
  if (!start.known() || offset == std::string::npos || node.Mark().pos < 0) return start;
  std::size_t before = 0;  // occurrences of the needle in `text` before this one
  for (std::size_t i = find_token(text, needle); i < offset; i = find_token(text, needle, i + 1)) {
    ++before;
  }
  const std::string_view source = lines_.text();
  const auto begin = static_cast<std::size_t>(node.Mark().pos);
  // A scalar's source is at most a few times its value (escapes, quotes).
  const std::size_t limit = std::min(source.size(), begin + 8 * text.size() + 64);
  std::size_t found = find_token(source.substr(0, limit), needle, begin);
  for (; found != std::string::npos && before > 0; --before) {
    found = find_token(source.substr(0, limit), needle, found + 1);
  }
  if (found == std::string::npos) return start;
  // In a double-quoted scalar a backslash is written twice: point at the first.
  const bool doubled = source[begin] == '"' && needle.starts_with('\\') && found > begin &&
                       source[found - 1] == '\\';
  return lines_.at_offset(doubled ? found - 1 : found);
}

void Reader::read(const YAML::Node& node, std::vector<RichText>& out) {
  if (!expect(node, YAML::NodeType::Sequence, "a list")) return;
  for_each_item(node, [&](const YAML::Node& item) {
    RichText text;
    read(item, text);
    if (!text.empty()) out.push_back(std::move(text));
  });
}

void Reader::read(const YAML::Node& node, std::vector<std::string>& out) {
  if (!expect(node, YAML::NodeType::Sequence, "a list of names")) return;
  for_each_item(node, [&](const YAML::Node& item) {
    const std::optional<std::string> name = scalar(item, "a name");
    if (name && !trim(*name).empty()) out.emplace_back(trim(*name));
  });
}

void Reader::read(const YAML::Node& node, Date& out) {
  const std::optional<std::string> text = scalar(node, "a date");
  if (!text) return;
  std::string problem;
  out = parse_date(*text, problem);
  if (!problem.empty()) {
    error(node, std::move(problem), "write dates as YYYY, YYYY-MM, YYYY-MM-DD or `present`");
  }
}

void Reader::read(const YAML::Node& node, int& priority) {
  const std::optional<std::string> text = scalar(node, "a priority from 1 to 5");
  if (!text) return;
  const std::string_view digits = trim(*text);
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value < 1 || value > 5) {
    return error(node, fmt::format("priority must be a whole number from 1 to 5, not `{}`", digits),
                 "1 is always kept, 5 appears only in the full CV");
  }
  priority = value;
}

void Reader::read(const YAML::Node& node, std::vector<Highlight>& out) {
  if (!expect(node, YAML::NodeType::Sequence, "a list of highlights")) return;
  for_each_item(node, [&](const YAML::Node& item) {
    Highlight highlight;
    highlight.loc = loc(item);
    if (item.IsScalar()) {
      read(item, highlight.text);
    } else if (item.IsMap()) {
      read_map(item, {FieldTable<Highlight>(kHighlightFields)}, highlight, "a highlight");
    } else {
      return error(item, fmt::format("expected a highlight (text, or a map with `text`), found {}",
                                     describe(item)));
    }
    // Sub-bullets, as RenderCV writes them: "Cut costs - caching - indexing".
    // (The whole text was checked above: its markup and its formulas.)
    const YAML::Node text = item.IsScalar() ? item : item["text"];
    if (!highlight.text.empty() && text && text.IsScalar()) {
      const std::vector<std::string_view> parts = split_sub_bullets(text.Scalar());
      if (parts.size() > 1) {
        highlight.text = parse_markup(parts.front());
        for (std::size_t i = 1; i < parts.size(); ++i)
          highlight.subitems.push_back(parse_markup(parts[i]));
      }
    }
    if (!highlight.text.empty()) out.push_back(std::move(highlight));
  });
}

void Reader::read(const YAML::Node& node, std::vector<SocialNetwork>& out) {
  if (!expect(node, YAML::NodeType::Sequence, "a list of social networks")) return;
  for_each_item(node, [&](const YAML::Node& item) {
    SocialNetwork network;
    network.loc = loc(item);
    read_map(item, {FieldTable<SocialNetwork>(kSocialNetworkFields)}, network, "a social network");
    out.push_back(std::move(network));
  });
}

void Reader::read(const YAML::Node& node, std::vector<Section>& out) {
  if (!expect(node, YAML::NodeType::Map, "a map of sections")) return;
  for_each_pair(node, [&](const YAML::Node& key, const YAML::Node& value) {
    Section section{key.Scalar(), section_title(key.Scalar()), {}, loc(key)};
    if (value.IsNull()) {
      return warning(key, fmt::format("section `{}` is empty; it is left out", section.key));
    }
    if (!expect(value, YAML::NodeType::Sequence, "a list of entries")) return;
    for_each_item(value, [&](const YAML::Node& item) {
      if (std::optional<Entry> entry = read_entry(item))
        section.entries.push_back(std::move(*entry));
    });
    out.push_back(std::move(section));
  });
}

void Reader::read(const YAML::Node& node, std::vector<Profile>& out) {
  if (!expect(node, YAML::NodeType::Map, "a map of profiles")) return;
  for_each_pair(node, [&](const YAML::Node& key, const YAML::Node& value) {
    Profile profile;
    profile.name = key.Scalar();
    profile.loc = loc(key);
    if (!value.IsNull()) {
      read_map(value, {FieldTable<Profile>(kProfileFields)}, profile,
               fmt::format("profile `{}`", profile.name));
    }
    out.push_back(std::move(profile));
  });
}

void Reader::read(const YAML::Node& node,
                  std::vector<std::pair<std::string, std::string>>& overrides) {
  if (!expect(node, YAML::NodeType::Map, "a map of overrides (dot.path: value)")) return;
  for_each_pair(node, [&](const YAML::Node& key, const YAML::Node& value) {
    if (value.IsNull()) return error(key, fmt::format("override `{}` has no value", key.Scalar()));
    if (!value.IsScalar()) {  // a list or a map, kept as flow YAML (aliases stay aliases)
      YAML::Emitter flow;
      flow << YAML::Flow << value;
      overrides.emplace_back(key.Scalar(), flow.c_str());
      return;
    }
    if (std::optional<std::string> text = scalar(value, "a value")) {
      overrides.emplace_back(key.Scalar(), std::move(*text));
    }
  });
}

std::optional<Entry> Reader::read_entry(const YAML::Node& node) {
  Entry entry;
  entry.loc = loc(node);
  if (node.IsScalar()) {
    entry.kind = EntryKind::Text;
    read(node, entry.text);
    return entry;
  }
  if (!expect(node, YAML::NodeType::Map, "an entry (text or a map)")) return std::nullopt;
  const EntrySchema* schema = detect_kind(node);
  if (schema == nullptr) {
    error(node, "cannot tell what kind of entry this is", entry_kinds_hint());
    return std::nullopt;
  }
  entry.kind = schema->kind;
  read_map(node, {schema->fields, FieldTable<Entry>(kSharedEntryFields)}, entry, schema->where);
  check_date_order(node, entry);
  return entry;
}

void Reader::check_date_order(const YAML::Node& map, const Entry& entry) {
  if (!ends_before(entry.end_date, entry.start_date)) return;
  const YAML::Node end = map["end_date"];
  error(end,
        fmt::format("end date `{}` is before start date `{}`", trim(end.Scalar()),
                    trim(map["start_date"].Scalar())),
        "are the two dates swapped, or is a year mistyped?");
}

// ---------------------------------------------------------------------------
// The document

// "did you mean `x`? the sections are: a, b" (without a guess, the list only).
std::string did_you_mean(const std::string& word, const std::vector<std::string>& names,
                         std::string_view what) {
  const std::string guess = closest(word, names);
  const std::string known = fmt::format("the {} are: {}", what, join(names));
  return guess.empty() ? known : fmt::format("did you mean `{}`? {}", guess, known);
}

// The tags that entries and highlights carry, each once whatever its case.
std::vector<std::string> carried_tags(const Cv& cv) {
  std::vector<std::string> tags;
  const auto add = [&](const std::vector<std::string>& more) {
    for (const std::string& tag : more) {
      const auto same = [&](const std::string& t) { return iequals(t, tag); };
      if (std::none_of(tags.begin(), tags.end(), same)) tags.push_back(tag);
    }
  };
  for (const Section& section : cv.sections) {
    for (const Entry& entry : section.entries) {
      add(entry.tags);
      for (const Highlight& h : entry.highlights) add(h.tags);
    }
  }
  std::sort(tags.begin(), tags.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
  });
  return tags;
}

// The value of `key` in `map`; undefined when there is none (yaml-cpp's
// operator[] gives an invalid node that throws when asked anything).
YAML::Node value_of(const YAML::Node& map, std::string_view key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& pair : map) {
    if (pair.first.IsScalar() && pair.first.Scalar() == key) return pair.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// The sections a profile's overrides add (`cv.sections.NAME...` keys).
std::vector<std::string> sections_added(const YAML::Node& overrides) {
  constexpr std::string_view kPrefix = "cv.sections.";
  std::vector<std::string> names;
  if (!overrides.IsMap()) return names;
  for (const auto& pair : overrides) {
    if (!pair.first.IsScalar() || !pair.first.Scalar().starts_with(kPrefix)) continue;
    const std::string rest = pair.first.Scalar().substr(kPrefix.size());
    names.push_back(rest.substr(0, rest.find('.')));
  }
  return names;
}

// What a profile names must exist: a section that matches none is an error
// (the profile would silently lose it), a tag that nothing carries a warning
// (it selects nothing). Each at the name, with the closest known one.
void check_profiles(const YAML::Node& root, const Cv& cv, Reader& reader) {
  const YAML::Node profiles = value_of(root, "profiles");
  if (!profiles.IsMap()) return;
  std::vector<std::string> keys, titles;
  for (const Section& section : cv.sections) {
    keys.push_back(section.key);
    titles.push_back(section.title);
  }
  const std::vector<std::string> tags = carried_tags(cv);
  for (const auto& pair : profiles) {
    if (!pair.first.IsScalar() || !pair.second.IsMap()) continue;
    const std::string& name = pair.first.Scalar();
    std::vector<std::string> known = keys;
    known.insert(known.end(), titles.begin(), titles.end());
    for (const std::string& added : sections_added(value_of(pair.second, "overrides"))) {
      known.push_back(added);
    }
    const YAML::Node sections = value_of(pair.second, "sections");
    for (const auto& item : sections.IsSequence() ? sections : YAML::Node()) {
      const std::string_view wanted = item.IsScalar() ? trim(item.Scalar()) : "";
      const auto same = [&](const std::string& section) { return same_section(section, wanted); };
      if (wanted.empty() || std::any_of(known.begin(), known.end(), same)) continue;
      reader.error(item,
                   fmt::format("profile `{}` names section `{}`, which `cv.sections` does not have",
                               name, wanted),
                   did_you_mean(std::string(wanted), keys, "sections"));
    }
    for (const char* key : {"tags", "exclude_tags"}) {
      const YAML::Node list = value_of(pair.second, key);
      for (const auto& item : list.IsSequence() ? list : YAML::Node()) {
        const std::string_view tag = item.IsScalar() ? trim(item.Scalar()) : "";
        const auto same = [&](const std::string& t) { return iequals(t, tag); };
        if (tag.empty() || std::any_of(tags.begin(), tags.end(), same)) continue;
        reader.warning(item,
                       fmt::format("profile `{}`: no entry or highlight carries the tag `{}` of "
                                   "its `{}`",
                                   name, tag, key),
                       did_you_mean(std::string(tag), tags, "tags"));
      }
    }
  }
}

void read_document(const YAML::Node& root, const LineIndex& lines, const NodeOrigins& origins,
                   LoadResult& result) {
  Diagnostics& diags = result.diags;
  if (root.IsNull()) {
    return diags.error({lines.file(), 1, 1}, "the file holds no CV",
                       "a CV file starts with `cv:`, then `name:` and `sections:`");
  }
  if (!root.IsMap()) {
    return diags.error(lines.at(root.Mark()),
                       fmt::format("expected a map with a `cv:` key, found {}", describe(root)));
  }
  // Proportional to the file: without aliases, reading spends at most about
  // twice its size.
  Reader reader(lines, diags, 4 * result.source.size() + (std::size_t{1} << 20), origins);
  try {
    reader.read_map(root, {FieldTable<Cv>(kTopLevelFields)}, result.cv, "the top-level map");
  } catch (const YAML::Exception& e) {
    diags.error(lines.at(e.mark), fmt::format("cannot read the YAML: {}", e.msg));
  }
  check_profiles(root, result.cv, reader);
}

// Reads at most kMaxInputBytes + 1 bytes, enough to tell that a file is too large.
std::optional<std::string> read_file(const std::string& path, std::string& problem) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problem = "it is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = std::error_code(errno, std::generic_category()).message();
    return std::nullopt;
  }
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (text.size() <= kMaxInputBytes && in.read(chunk.data(), chunk.size()).gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    problem = "reading failed";
    return std::nullopt;
  }
  return text;
}

}  // namespace

LoadResult load_cv_file(const std::string& path, const LoadOptions& options) {
  std::string problem;
  std::optional<std::string> text = read_file(path, problem);
  if (text && is_json_file_name(path))
    return load_json_resume_text(std::move(*text), path, options);
  if (text) return load_cv_text(std::move(*text), path, options);
  LoadResult result;
  result.cv.source_file = path;
  result.diags.error({path}, fmt::format("cannot read `{}`: {}", path, problem),
                     "check the file's name; `cvpress build` reads cv.yaml when given none");
  return result;
}

LoadResult load_cv_text(std::string text, const std::string& file_name,
                        const LoadOptions& options) {
  LoadResult result;
  result.cv.source_file = file_name;
  if (text.size() > kMaxInputBytes) {
    result.diags.error({file_name},
                       fmt::format("the file is larger than {}, the most cvpress reads",
                                   size_name(kMaxInputBytes)));
    return result;
  }
  result.source = normalize(std::move(text));
  const LineIndex lines(result.source, file_name);
  check_encoding(result.source, lines, result.diags);
  // yaml-cpp reads a malformed byte as U+FFFD (three bytes, so every later
  // place is off) and a NUL as the end of an escape: what it would say about
  // such a text misleads. The encoding is fixed first.
  std::optional<YAML::Node> root;
  if (!result.diags.has_errors()) root = parse(result.source, lines, result.diags);
  if (root) {
    NodeOrigins origins;
    apply_overrides(
        *root, input_schema(), options.profile, options.overrides,
        [&](const YAML::Node& node) { return lines.at(node.Mark()); }, result.diags, origins);
    read_document(*root, lines, origins, result);
  }
  result.diags.sort_by_location();
  return result;
}

std::string size_name(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= 1024) return fmt::format("{} KiB", (bytes + 1023) >> 10);
  return fmt::format("{} bytes", bytes);
}

const InputSchema& input_schema() {
  static const InputSchema schema = describe_input();
  return schema;
}

}  // namespace cvpress

#include "load/json_resume.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "load/json.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(),
                    [](char a, char b) { return lower(a) == lower(b); });
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

// A text value of the JSON and where it is.
struct Text {
  std::string value;
  SourceLoc loc;      // of the value
  SourceLoc key_loc;  // of its key (or of the value, for list items)
};

// `label` as the text of a markup link to `url`: brackets in the label and
// characters that would end the URL early are escaped.
std::string markup_link(std::string_view label, std::string_view url) {
  std::string out = "[";
  for (const char c : label) {
    if (c == '[' || c == ']') out += '\\';
    out += c;
  }
  out += "](";
  for (const char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '(' || c == ')' || c == ' ' || c == '\\' || u < 0x20 || u == 0x7F) {
      out += fmt::format("%{:02X}", u);
    } else {
      out += c;
    }
  }
  return out + ")";
}

// The URL a link may point to: http and https URLs as written, a bare host
// ("example.com/me") with https:// in front; nullopt for other schemes
// (javascript:, file:, data:, ...), which a CV has no business linking.
std::optional<std::string> web_url(std::string_view url) {
  if (starts_with_nocase(url, "https://") || starts_with_nocase(url, "http://")) {
    return std::string(url);
  }
  if (url.find(':') != std::string_view::npos || url.find('.') == std::string_view::npos ||
      url.find_first_of(" \t\n") != std::string_view::npos) {
    return std::nullopt;
  }
  return "https://" + std::string(url);
}

std::string without_scheme(std::string_view url) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (starts_with_nocase(url, scheme)) return std::string(url.substr(scheme.size()));
  }
  return std::string(url);
}

// "DOI" of a doi.org URL, or "".
std::string doi_of(std::string_view url) {
  for (const std::string_view prefix :
       {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"}) {
    if (starts_with_nocase(url, prefix) && url.substr(prefix.size()).starts_with("10.")) {
      return std::string(url.substr(prefix.size()));
    }
  }
  return "";
}

class Converter {
 public:
  Converter(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}

  YamlNode document(const JsonValue& root) {
    YamlNode top = YamlNode::map(at(root));
    if (root.type != JsonType::Object) {
      diags_.error(at(root),
                   fmt::format("expected a JSON Resume object, found {}", describe(root.type)),
                   "a JSON Resume file is one object: {\"basics\": {...}, \"work\": [...], ...}");
      return top;
    }
    YamlNode scratch = YamlNode::map();  // collects the comments of the top level
    check_keys(
        root,
        {"$schema", "basics", "work", "volunteer", "education", "awards", "certificates",
         "publications", "skills", "languages", "interests", "references", "projects", "meta"},
        "the JSON Resume object", scratch);
    top_comments_ = std::move(scratch.trailing_comments);

    YamlNode cv = YamlNode::map(at(root));
    YamlNode sections = YamlNode::map();
    std::vector<std::string> header_comments;
    if (const JsonMember* basics = member(root, "basics")) {
      read_basics(*basics, cv, sections, header_comments);
    }
    if (cv.members.empty() || cv.members.front().key != "name") {
      diags_.warning(at(root), "the resume has no `basics.name`; the CV shows no name",
                     "add \"basics\": {\"name\": \"...\"}");
    }
    for (const JsonMember& m : root.members) {
      std::optional<YamlNode> section = read_section(m);
      if (!section) continue;
      // The section keys differ from each other, and from "summary".
      sections.add(std::string(section_key(m.key)), std::move(*section), at(m));
    }
    if (!sections.members.empty()) {
      cv.add("sections", std::move(sections), {});
      cv.members.back().comments = std::move(header_comments);
    } else {
      cv.trailing_comments = std::move(header_comments);
    }
    top.add("cv", std::move(cv));
    top.trailing_comments = std::move(top_comments_);
    return top;
  }

 private:
  SourceLoc at(const JsonValue& v) const { return {file_, v.line, v.col}; }
  SourceLoc at(const JsonMember& m) const { return {file_, m.line, m.col}; }

  const JsonMember* member(const JsonValue& object, std::string_view key) const {
    for (const JsonMember& m : object.members) {
      if (m.key == key) return &m;
    }
    return nullptr;
  }

  static bool is_empty(const JsonValue& v) {
    return v.type == JsonType::Null || (v.type == JsonType::String && trim(v.text).empty()) ||
           (v.type == JsonType::Array && v.items.empty()) ||
           (v.type == JsonType::Object && v.members.empty());
  }

  // A value as one line of a comment; a long one (an image as a data: URL)
  // is clipped, so that the YAML stays readable and within the loader's limits.
  static std::string shown(const JsonValue& v) {
    constexpr std::size_t kMaxShown = 240;
    std::string text;
    if (v.is_scalar()) {
      text = v.text;
    } else if (v.type == JsonType::Array &&
               std::all_of(v.items.begin(), v.items.end(),
                           [](const JsonValue& i) { return i.is_scalar(); })) {
      std::vector<std::string> parts;
      for (const JsonValue& item : v.items) parts.push_back(item.text);
      text = join(parts, ", ");
    } else {
      return v.type == JsonType::Array ? "(a list)" : "(an object)";
    }
    if (text.size() <= kMaxShown) return text;
    std::size_t cut = kMaxShown;
    while (cut > 0 && is_utf8_continuation(text[cut])) --cut;
    return text.substr(0, cut) + fmt::format("... ({} bytes in all)", text.size());
  }

  // Warns about the keys of `object` that are not in `known`, and keeps each
  // as a comment on `node`.
  void check_keys(const JsonValue& object, std::initializer_list<std::string_view> known,
                  std::string_view where, YamlNode& node) {
    std::vector<std::string> names(known.begin(), known.end());
    for (const JsonMember& m : object.members) {
      if (std::find(known.begin(), known.end(), m.key) != known.end()) continue;
      const std::string guess = closest(m.key, names);
      if (!guess.empty()) {
        diags_.warning(at(m), fmt::format("unknown key `{}` in {}; it is ignored", m.key, where),
                       fmt::format("did you mean `{}`?", guess));
      } else {
        diags_.warning(
            at(m), fmt::format("`{}` in {} is not a JSON Resume key; it is ignored", m.key, where),
            fmt::format("known keys: {}", join(names, ", ")));
      }
      if (!is_empty(m.value)) {
        comment_on(node, fmt::format("unknown JSON Resume key \"{}\": {}", m.key, shown(m.value)));
      }
    }
  }

  void comment_on(YamlNode& node, std::string text) {
    if (node.kind == YamlNode::Kind::Map) {
      node.trailing_comments.push_back(std::move(text));
    } else {
      top_comments_.push_back(std::move(text));
    }
  }

  // A field that cvpress has no place for: a warning, and a comment on `node`.
  void unused(const JsonValue& object, std::string_view key, std::string_view where, YamlNode& node,
              std::string_view why = "cvpress does not show it") {
    const JsonMember* m = member(object, key);
    if (m == nullptr || is_empty(m->value)) return;
    diags_.warning(at(*m), fmt::format("`{}` of {} is left out: {}", key, where, why),
                   "`cvpress import` keeps it in the YAML as a comment");
    comment_on(node, fmt::format("JSON Resume \"{}\", not shown: {}", key, shown(m->value)));
  }

  bool expect(const JsonValue& v, JsonType type, std::string_view what) {
    if (v.type == type) return true;
    diags_.error(at(v), fmt::format("expected {}, found {}", what, describe(v.type)),
                 type == JsonType::Array    ? "write a list: [ ... ]"
                 : type == JsonType::Object ? "write an object: { \"key\": ... }"
                                            : "write text in double quotes");
    return false;
  }

  // The text of a scalar; nullopt for null, empty text, and (with an error)
  // lists, objects and text with control characters.
  std::optional<Text> scalar_text(const JsonValue& v, const SourceLoc& key_loc,
                                  std::string_view what) {
    if (v.type == JsonType::Null) return std::nullopt;
    if (!v.is_scalar()) {
      diags_.error(at(v), fmt::format("expected text for {}, found {}", what, describe(v.type)),
                   "write text in double quotes");
      return std::nullopt;
    }
    const std::string_view value = trim(v.text);
    for (const char c : value) {
      const auto u = static_cast<unsigned char>(c);
      if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) {
        diags_.error(at(v), fmt::format("control character U+{:04X} in {}", u, what),
                     "remove it; a CV shows only printable text");
        return std::nullopt;
      }
    }
    if (value.empty()) return std::nullopt;
    return Text{std::string(value), at(v), key_loc};
  }

  std::optional<Text> text(const JsonValue& object, std::string_view key, std::string_view where) {
    const JsonMember* m = member(object, key);
    if (m == nullptr) return std::nullopt;
    return scalar_text(m->value, at(*m), fmt::format("`{}` in {}", key, where));
  }

  std::vector<Text> texts(const JsonValue& object, std::string_view key, std::string_view where) {
    std::vector<Text> out;
    const JsonMember* m = member(object, key);
    if (m == nullptr || m->value.type == JsonType::Null) return out;
    if (!expect(m->value, JsonType::Array,
                fmt::format("a list of texts for `{}` in {}", key, where))) {
      return out;
    }
    for (const JsonValue& item : m->value.items) {
      if (auto t = scalar_text(item, at(item), fmt::format("an item of `{}` in {}", key, where))) {
        out.push_back(std::move(*t));
      }
    }
    return out;
  }

  // A URL field, if it is a web link; other schemes are warnings.
  std::optional<Text> url(const JsonValue& object, std::string_view key, std::string_view where,
                          YamlNode& node) {
    std::optional<Text> t = text(object, key, where);
    if (!t) return std::nullopt;
    if (std::optional<std::string> link = web_url(t->value)) {
      t->value = *link;
      return t;
    }
    diags_.warning(t->loc,
                   fmt::format("`{}` in {} is not a web address; it is left out", key, where),
                   "cvpress links http:// and https:// addresses only");
    comment_on(node, fmt::format("JSON Resume \"{}\", not linked: {}", key, t->value));
    return std::nullopt;
  }

  static YamlNode node(const Text& t) { return YamlNode::text(t.value, t.loc); }

  static void add(YamlNode& map, std::string key, const std::optional<Text>& t) {
    if (t) map.add(std::move(key), node(*t), t->key_loc);
  }

  static void add_list(YamlNode& map, std::string key, const std::vector<Text>& items,
                       bool flow = false, SourceLoc origin = {}) {
    if (items.empty()) return;
    YamlNode list = YamlNode::list(origin.known() ? origin : items.front().loc);
    list.flow = flow;
    for (const Text& t : items) list.items.push_back(node(t));
    map.add(std::move(key), std::move(list), items.front().key_loc);
  }

  // Highlights: JSON Resume has no sub-bullets, so a ` - ` in one is a dash,
  // escaped (the loader starts a sub-bullet there, as RenderCV does).
  static void add_highlights(YamlNode& entry, std::vector<Text> items) {
    for (Text& t : items) {
      for (std::size_t at = t.value.find(" - "); at != std::string::npos;
           at = t.value.find(" - ", at + 4))
        t.value.replace(at, 3, " \\- ");
    }
    add_list(entry, "highlights", items);
  }

  // start_date and end_date; an entry with a start and no end is ongoing.
  void add_dates(YamlNode& entry, const JsonValue& item, std::string_view where) {
    const std::optional<Text> start = text(item, "startDate", where);
    const std::optional<Text> end = text(item, "endDate", where);
    add(entry, "start_date", start);
    if (end) {
      add(entry, "end_date", end);
    } else if (start) {
      entry.add("end_date", YamlNode::text("present", start->loc), start->key_loc);
    }
  }

  // The text, as a link to `link` when there is one.
  static Text linked(Text t, const std::optional<Text>& link) {
    if (link) t.value = markup_link(t.value, link->value);
    return t;
  }

  // The items of the list `m` that are objects.
  std::vector<const JsonValue*> objects(const JsonMember& m) {
    std::vector<const JsonValue*> out;
    if (m.value.type == JsonType::Null) return out;
    if (!expect(m.value, JsonType::Array, fmt::format("a list for `{}`", m.key))) return out;
    for (const JsonValue& item : m.value.items) {
      if (item.type == JsonType::Null) continue;
      if (expect(item, JsonType::Object, fmt::format("an object for an item of `{}`", m.key))) {
        out.push_back(&item);
      }
    }
    return out;
  }

  void left_out(const JsonValue& item, std::string_view where, std::string_view needs) {
    diags_.warning(at(item), fmt::format("{} without {} is left out", where, needs),
                   fmt::format("give it {}", needs));
  }

  // -- basics

  void read_basics(const JsonMember& basics_member, YamlNode& cv, YamlNode& sections,
                   std::vector<std::string>& comments) {
    const JsonValue& basics = basics_member.value;
    if (basics.type == JsonType::Null) return;
    if (!expect(basics, JsonType::Object, "an object for `basics`")) return;
    constexpr std::string_view where = "`basics`";
    YamlNode scratch = YamlNode::map();  // collects the comments of basics
    check_keys(
        basics,
        {"name", "label", "image", "email", "phone", "url", "summary", "location", "profiles"},
        where, scratch);
    add(cv, "name", text(basics, "name", where));
    add(cv, "headline", text(basics, "label", where));
    if (const JsonMember* location = member(basics, "location"))
      read_location(*location, cv, scratch);
    add(cv, "email", text(basics, "email", where));
    add(cv, "phone", text(basics, "phone", where));
    add(cv, "website", url(basics, "url", where, scratch));
    unused(basics, "image", where, scratch, "cvpress shows no photo");
    if (const JsonMember* profiles = member(basics, "profiles")) read_profiles(*profiles, cv);
    if (std::optional<Text> summary = text(basics, "summary", where)) {
      YamlNode list = YamlNode::list(summary->loc);
      list.items.push_back(node(*summary));
      sections.add("summary", std::move(list), summary->key_loc);
    }
    comments = std::move(scratch.trailing_comments);
  }

  void read_location(const JsonMember& m, YamlNode& cv, YamlNode& comments) {
    if (m.value.type == JsonType::Null) return;
    if (!expect(m.value, JsonType::Object, "an object for `basics.location`")) return;
    constexpr std::string_view where = "`basics.location`";
    check_keys(m.value, {"address", "postalCode", "city", "countryCode", "region"}, where,
               comments);
    std::vector<std::string> parts;
    for (const std::string_view key : {"city", "region", "countryCode"}) {
      if (std::optional<Text> t = text(m.value, key, where)) parts.push_back(t->value);
    }
    if (!parts.empty()) cv.add("location", YamlNode::text(join(parts, ", "), at(m.value)), at(m));
    unused(m.value, "address", where, comments, "the CV shows the city, region and country");
    unused(m.value, "postalCode", where, comments, "the CV shows the city, region and country");
  }

  void read_profiles(const JsonMember& m, YamlNode& cv) {
    YamlNode list = YamlNode::list(at(m.value));
    for (const JsonValue* item : objects(m)) {
      constexpr std::string_view where = "a profile in `basics.profiles`";
      YamlNode entry = YamlNode::map(at(*item));
      check_keys(*item, {"network", "username", "url"}, where, entry);
      const std::optional<Text> network = text(*item, "network", where);
      std::optional<Text> username = text(*item, "username", where);
      const std::optional<Text> link = url(*item, "url", where, entry);
      if (!username && link) username = Text{without_scheme(link->value), link->loc, link->key_loc};
      if (!network || !username) {
        left_out(*item, "a profile", !network ? "a `network`" : "a `username` or `url`");
        continue;
      }
      add(entry, "network", network);
      add(entry, "username", username);
      add(entry, "url", link);
      list.items.push_back(std::move(entry));
    }
    if (!list.items.empty()) cv.add("social_networks", std::move(list), at(m));
  }

  // -- sections

  static std::string_view section_key(std::string_view json_key) {
    if (json_key == "work") return "experience";
    if (json_key == "volunteer") return "volunteering";
    return json_key;
  }

  std::optional<YamlNode> read_section(const JsonMember& m) {
    using Reader = std::optional<YamlNode> (Converter::*)(const JsonValue&);
    static constexpr std::pair<std::string_view, Reader> kReaders[] = {
        {"work", &Converter::work},
        {"volunteer", &Converter::volunteer},
        {"education", &Converter::education},
        {"awards", &Converter::award},
        {"certificates", &Converter::certificate},
        {"publications", &Converter::publication},
        {"skills", &Converter::skill},
        {"languages", &Converter::language},
        {"interests", &Converter::interest},
        {"references", &Converter::reference},
        {"projects", &Converter::project},
    };
    const auto* found = std::find_if(std::begin(kReaders), std::end(kReaders),
                                     [&](const auto& r) { return r.first == m.key; });
    if (found == std::end(kReaders)) return std::nullopt;
    YamlNode list = YamlNode::list(at(m.value));
    for (const JsonValue* item : objects(m)) {
      if (std::optional<YamlNode> entry = (this->*found->second)(*item)) {
        list.items.push_back(std::move(*entry));
      }
    }
    if (list.items.empty()) return std::nullopt;
    return list;
  }

  std::optional<YamlNode> work(const JsonValue& item) {
    return experience(item, "name", "a work entry");
  }

  std::optional<YamlNode> volunteer(const JsonValue& item) {
    return experience(item, "organization", "a volunteer entry");
  }

  std::optional<YamlNode> experience(const JsonValue& item, std::string_view org_key,
                                     std::string_view where) {
    YamlNode entry = YamlNode::map(at(item));
    const bool is_work = org_key == "name";
    if (is_work) {
      check_keys(item,
                 {"name", "location", "description", "position", "url", "startDate", "endDate",
                  "summary", "highlights"},
                 where, entry);
    } else {
      check_keys(
          item,
          {"organization", "position", "url", "startDate", "endDate", "summary", "highlights"},
          where, entry);
    }
    const std::optional<Text> org = text(item, org_key, where);
    const std::optional<Text> position = text(item, "position", where);
    const std::optional<Text> link = url(item, "url", where, entry);
    if (org && position) {
      add(entry, "company", linked(*org, link));
      add(entry, "position", position);
    } else if (org || position) {
      add(entry, "name", linked(org ? *org : *position, link));
    } else {
      left_out(item, where, fmt::format("`{}` or `position`", org_key));
      return std::nullopt;
    }
    add(entry, "location", text(item, "location", where));
    add_dates(entry, item, where);
    add(entry, "summary", text(item, "summary", where));
    add_highlights(entry, texts(item, "highlights", where));
    if (is_work) unused(item, "description", where, entry);
    return entry;
  }

  std::optional<YamlNode> education(const JsonValue& item) {
    constexpr std::string_view where = "an education entry";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(
        item,
        {"institution", "url", "area", "studyType", "startDate", "endDate", "score", "courses"},
        where, entry);
    const std::optional<Text> institution = text(item, "institution", where);
    const std::optional<Text> area = text(item, "area", where);
    const std::optional<Text> degree = text(item, "studyType", where);
    const std::optional<Text> link = url(item, "url", where, entry);
    if (institution) {
      add(entry, "institution", linked(*institution, link));
      add(entry, "area", area);
      add(entry, "degree", degree);
    } else if (area || degree) {
      Text name = degree ? *degree : *area;
      if (degree && area) name.value += ", " + area->value;
      add(entry, "name", linked(name, link));
    } else {
      left_out(item, where, "an `institution`, `area` or `studyType`");
      return std::nullopt;
    }
    add_dates(entry, item, where);
    std::vector<Text> highlights;
    if (std::optional<Text> score = text(item, "score", where)) {
      score->value = "Score: " + score->value;
      highlights.push_back(std::move(*score));
    }
    const std::vector<Text> courses = texts(item, "courses", where);
    if (!courses.empty()) {
      std::vector<std::string> names;
      for (const Text& c : courses) names.push_back(c.value);
      highlights.push_back(
          {"Courses: " + join(names, ", "), courses.front().loc, courses.front().key_loc});
    }
    add_highlights(entry, std::move(highlights));
    return entry;
  }

  // A normal entry named "first, second" (an award and its awarder, ...).
  std::optional<YamlNode> named_pair(const JsonValue& item, std::string_view first_key,
                                     std::string_view second_key, std::string_view where,
                                     YamlNode& entry) {
    const std::optional<Text> first = text(item, first_key, where);
    const std::optional<Text> second = text(item, second_key, where);
    if (!first && !second) {
      left_out(item, where, fmt::format("a `{}`", first_key));
      return std::nullopt;
    }
    Text name = first ? *first : *second;
    if (first && second) name.value += ", " + second->value;
    add(entry, "name", name);
    add(entry, "date", text(item, "date", where));
    return entry;
  }

  std::optional<YamlNode> award(const JsonValue& item) {
    constexpr std::string_view where = "an award";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(item, {"title", "date", "awarder", "summary"}, where, entry);
    if (!named_pair(item, "title", "awarder", where, entry)) return std::nullopt;
    add(entry, "summary", text(item, "summary", where));
    return entry;
  }

  std::optional<YamlNode> certificate(const JsonValue& item) {
    constexpr std::string_view where = "a certificate";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(item, {"name", "date", "issuer", "url"}, where, entry);
    if (!named_pair(item, "name", "issuer", where, entry)) return std::nullopt;
    add(entry, "url", url(item, "url", where, entry));
    return entry;
  }

  std::optional<YamlNode> publication(const JsonValue& item) {
    constexpr std::string_view where = "a publication";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(item, {"name", "publisher", "releaseDate", "url", "summary"}, where, entry);
    const std::optional<Text> title = text(item, "name", where);
    if (!title) {
      left_out(item, where, "a `name`");
      return std::nullopt;
    }
    add(entry, "title", title);
    add(entry, "journal", text(item, "publisher", where));
    add(entry, "date", text(item, "releaseDate", where));
    if (std::optional<Text> link = url(item, "url", where, entry)) {
      if (std::string doi = doi_of(link->value); !doi.empty()) {
        add(entry, "doi", Text{std::move(doi), link->loc, link->key_loc});
      } else {
        add(entry, "url", link);
      }
    }
    add(entry, "summary", text(item, "summary", where));
    return entry;
  }

  // label: details, as a one-line entry; a bullet when there are no details,
  // a text entry when there is no label.
  std::optional<YamlNode> one_line(const JsonValue& item, const std::optional<Text>& label,
                                   const std::optional<Text>& details, std::string_view where,
                                   std::string_view needs) {
    if (label && details) {
      YamlNode entry = YamlNode::map(at(item));
      add(entry, "label", label);
      add(entry, "details", details);
      return entry;
    }
    if (label) {
      YamlNode entry = YamlNode::map(at(item));
      add(entry, "bullet", label);
      return entry;
    }
    if (details) return node(*details);
    left_out(item, where, needs);
    return std::nullopt;
  }

  // The texts of a list joined by commas, as one text where the first is.
  std::optional<Text> joined(const std::vector<Text>& items) {
    if (items.empty()) return std::nullopt;
    std::vector<std::string> parts;
    for (const Text& t : items) parts.push_back(t.value);
    return Text{join(parts, ", "), items.front().loc, items.front().key_loc};
  }

  std::optional<YamlNode> skill(const JsonValue& item) {
    constexpr std::string_view where = "a skill";
    YamlNode comments = YamlNode::map();
    check_keys(item, {"name", "level", "keywords"}, where, comments);
    const std::optional<Text> level = text(item, "level", where);
    std::optional<Text> details = joined(texts(item, "keywords", where));
    if (details && level) {
      details->value += " (" + level->value + ")";
    } else if (level) {
      details = level;
    }
    return with_comments(one_line(item, text(item, "name", where), details, where, "a `name`"),
                         comments);
  }

  std::optional<YamlNode> language(const JsonValue& item) {
    constexpr std::string_view where = "a language";
    YamlNode comments = YamlNode::map();
    check_keys(item, {"language", "fluency"}, where, comments);
    return with_comments(one_line(item, text(item, "language", where), text(item, "fluency", where),
                                  where, "a `language`"),
                         comments);
  }

  std::optional<YamlNode> interest(const JsonValue& item) {
    constexpr std::string_view where = "an interest";
    YamlNode comments = YamlNode::map();
    check_keys(item, {"name", "keywords"}, where, comments);
    return with_comments(one_line(item, text(item, "name", where),
                                  joined(texts(item, "keywords", where)), where, "a `name`"),
                         comments);
  }

  // Moves the comments gathered in `comments` onto `entry`, or to the end of
  // the file when the entry is a plain text.
  std::optional<YamlNode> with_comments(std::optional<YamlNode> entry, YamlNode& comments) {
    for (std::string& c : comments.trailing_comments) {
      if (entry && entry->kind == YamlNode::Kind::Map) {
        entry->trailing_comments.push_back(std::move(c));
      } else {
        top_comments_.push_back(std::move(c));
      }
    }
    return entry;
  }

  std::optional<YamlNode> reference(const JsonValue& item) {
    constexpr std::string_view where = "a reference";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(item, {"name", "reference"}, where, entry);
    const std::optional<Text> name = text(item, "name", where);
    const std::optional<Text> words = text(item, "reference", where);
    if (!name) {
      if (words) return with_comments(node(*words), entry);
      left_out(item, where, "a `name` or `reference`");
      return std::nullopt;
    }
    add(entry, "name", name);
    add(entry, "summary", words);
    return entry;
  }

  std::optional<YamlNode> project(const JsonValue& item) {
    constexpr std::string_view where = "a project";
    YamlNode entry = YamlNode::map(at(item));
    check_keys(item,
               {"name", "description", "highlights", "keywords", "startDate", "endDate", "url",
                "roles", "entity", "type"},
               where, entry);
    const std::optional<Text> name = text(item, "name", where);
    if (!name) {
      left_out(item, where, "a `name`");
      return std::nullopt;
    }
    add(entry, "name", name);
    add_dates(entry, item, where);
    add(entry, "url", url(item, "url", where, entry));
    add(entry, "summary", text(item, "description", where));
    add_highlights(entry, texts(item, "highlights", where));
    const JsonMember* keywords = member(item, "keywords");
    add_list(entry, "tags", texts(item, "keywords", where), true,
             keywords ? at(keywords->value) : SourceLoc{});
    unused(item, "roles", where, entry);
    unused(item, "entity", where, entry);
    unused(item, "type", where, entry);
    return entry;
  }

  const std::string& file_;
  Diagnostics& diags_;
  std::vector<std::string> top_comments_;  // comments that have no entry to sit on
};

// Where the YAML's locations came from, in the JSON.
SourceLoc json_loc(const WrittenYaml& yaml, const SourceLoc& loc, const std::string& file) {
  if (loc.file != file || !loc.known()) return loc;
  SourceLoc mapped = yaml.origin_of(loc.line, loc.col);
  if (!mapped.known()) return {file};
  return mapped;
}

void remap(Cv& cv, const WrittenYaml& yaml, const std::string& file) {
  for (Section& section : cv.sections) {
    section.loc = json_loc(yaml, section.loc, file);
    for (Entry& entry : section.entries) {
      entry.loc = json_loc(yaml, entry.loc, file);
      for (Highlight& h : entry.highlights) h.loc = json_loc(yaml, h.loc, file);
    }
  }
  for (SocialNetwork& s : cv.social_networks) s.loc = json_loc(yaml, s.loc, file);
  for (Profile& p : cv.profiles) p.loc = json_loc(yaml, p.loc, file);
}

}  // namespace

bool is_json_file_name(std::string_view path) {
  constexpr std::string_view ext = ".json";
  return path.size() >= ext.size() &&
         starts_with_nocase(path.substr(path.size() - ext.size()), ext);
}

JsonResumeYaml json_resume_to_yaml(std::string text, const std::string& file_name) {
  JsonResumeYaml out;
  if (text.size() > kMaxInputBytes) {
    out.diags.error({file_name}, fmt::format("the file is larger than {}, the most cvpress reads",
                                             size_name(kMaxInputBytes)));
    return out;
  }
  if (text.starts_with(kBom)) text.erase(0, kBom.size());
  out.source = std::move(text);
  if (trim(out.source).empty()) {
    out.diags.error({file_name, 1, 1}, "the file holds no JSON Resume",
                    "a JSON Resume file is one object: {\"basics\": {\"name\": ...}, ...}");
    return out;
  }
  std::optional<JsonValue> root = parse_json(out.source, file_name, out.diags);
  if (!root) return out;
  Converter converter(file_name, out.diags);
  const YamlNode yaml = converter.document(*root);
  const std::string name = std::string(file_name.substr(file_name.find_last_of('/') + 1));
  out.yaml =
      write_yaml(yaml, {"cvpress CV imported from " + name + " (JSON Resume).",
                        "JSON Resume fields that cvpress does not show are kept as comments."});
  if (out.yaml.text.size() > kMaxInputBytes) {
    out.diags.error({file_name}, "the resume is too large to read as a CV",
                    fmt::format("a CV file is at most {}", size_name(kMaxInputBytes)));
    out.yaml = {};
  }
  out.diags.sort_by_location();
  return out;
}

LoadResult load_json_resume_text(std::string text, const std::string& file_name,
                                 const LoadOptions& options) {
  JsonResumeYaml converted = json_resume_to_yaml(std::move(text), file_name);
  LoadResult result;
  if (!converted.yaml.text.empty()) {
    result = load_cv_text(converted.yaml.text, file_name, options);
  }
  result.cv.source_file = file_name;
  remap(result.cv, converted.yaml, file_name);
  Diagnostics diags = std::move(converted.diags);
  for (Diagnostic d : result.diags.all()) {
    d.loc = json_loc(converted.yaml, d.loc, file_name);
    diags.add(std::move(d));
  }
  diags.sort_by_location();
  result.diags = std::move(diags);
  result.source = std::move(converted.source);
  return result;
}

}  // namespace cvpress

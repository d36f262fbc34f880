#include "tailor/tailor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>

#include "text/autolink.h"

namespace cvpress {
namespace {

const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool has_any(const std::vector<std::string>& tags, const std::vector<std::string>& wanted) {
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return same_tag(t, w); });
  });
}

// The year an entry ended: its single date, or its end date. Undated and
// ongoing entries have none (a start date alone means ongoing, as in
// RenderCV), nor have those whose end is free text.
std::optional<int> end_year(const Entry& e) {
  const Date& end = !e.date.empty() ? e.date : e.end_date;
  if (end.year == 0) return std::nullopt;
  return end.year;
}

bool keeps(const Entry& e, const Tailoring& how) {
  if (!keeps_tagged(e.tags, how)) return false;
  const std::optional<int> ended = end_year(e);
  return how.since == 0 || !ended || *ended >= how.since;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

RichText join(const RichText& a, const std::string& separator, const RichText& b) {
  RichText out = a;
  if (!a.empty() && !b.empty()) append(out, plain(separator));
  append(out, b);
  return out;
}

std::string without_scheme(const std::string& url) {
  for (const char* scheme : {"https://", "http://", "mailto:"}) {
    if (url.rfind(scheme, 0) == 0) return url.substr(std::string(scheme).size());
  }
  return url;
}

RichText link(const std::string& text, const std::string& url) {
  Span s;
  s.text = text;
  s.link = url;
  return {s};
}

// Authors joined by commas; the CV owner's name in bold.
RichText authors_line(const std::vector<RichText>& authors, const std::string& owner) {
  RichText out;
  for (const RichText& author : authors) {
    if (!out.empty()) append(out, plain(", "));
    RichText a = author;
    const std::string text = plain_text(author);
    if (!owner.empty() &&
        (owner.find(text) != std::string::npos || text.find(owner) != std::string::npos)) {
      for (Span& s : a) s.bold = true;
    }
    append(out, a);
  }
  return out;
}

Block entry_block(const Entry& e, const Cv& cv, const Tailoring& how) {
  Block b;
  b.kind = BlockKind::Entry;
  b.priority = e.priority;
  b.loc = e.loc;
  b.date = format_range(e.date, e.start_date, e.end_date);
  b.location = plain_text(e.location);
  switch (e.kind) {
    case EntryKind::Education:
      b.type = EntryType::Education;
      b.title = e.institution;
      b.subtitle = join(e.degree, ", ", e.area);
      break;
    case EntryKind::Experience:
      b.type = EntryType::Experience;
      b.title = e.company;
      b.subtitle = e.position;
      break;
    case EntryKind::Publication: {
      b.type = EntryType::Publication;
      b.title = e.title;
      b.subtitle = authors_line(e.authors, cv.name);
      RichText venue = autolink(e.journal);
      auto links_to = [&](const std::string& url) {
        return std::any_of(venue.begin(), venue.end(),
                           [&](const Span& s) { return s.link == url; });
      };
      const std::string doi_url = "https://doi.org/" + e.doi;
      if (!e.doi.empty() && !links_to(doi_url)) {
        venue = join(venue, " \xC2\xB7 ", link("doi:" + e.doi, doi_url));
      } else if (e.doi.empty() && !e.url.empty() && !links_to(e.url)) {
        venue = join(venue, " \xC2\xB7 ", link(without_scheme(e.url), e.url));
      }
      if (!venue.empty()) b.paragraphs.push_back(venue);
      break;
    }
    default:  // Normal
      b.title = e.name;
      if (!e.url.empty()) b.paragraphs.push_back(link(without_scheme(e.url), e.url));
      break;
  }
  if (!e.summary.empty()) b.paragraphs.push_back(e.summary);
  for (const Highlight& h : e.highlights) {
    if (keeps_tagged(h.tags, how)) b.items.push_back({h.text, h.priority, h.loc, h.subitems});
  }
  return b;
}

Block single_block(BlockKind kind, RichText text, const Entry& e) {
  Block b;
  b.kind = kind;
  b.priority = e.priority;
  b.loc = e.loc;
  b.paragraphs.push_back(std::move(text));
  return b;
}

DocSection section_of(const Section& section, const Cv& cv, const Tailoring& how) {
  DocSection out;
  out.title = section.title;
  out.loc = section.loc;
  std::vector<const Entry*> kept;
  for (const Entry& e : section.entries) {
    if (keeps(e, how)) kept.push_back(&e);
  }
  int number = 0;
  int reversed = static_cast<int>(std::count_if(kept.begin(), kept.end(), [](const Entry* e) {
    return e->kind == EntryKind::ReversedNumbered;
  }));
  for (const Entry* e : kept) {
    switch (e->kind) {
      case EntryKind::OneLine: {
        RichText label = e->label;
        for (Span& s : label) s.bold = true;
        if (!label.empty()) {
          Span colon;
          colon.text = ":";
          colon.bold = true;
          append(label, {colon});
        }
        out.blocks.push_back(single_block(BlockKind::OneLine, join(label, " ", e->details), *e));
        break;
      }
      case EntryKind::Bullet:
        out.blocks.push_back(single_block(BlockKind::Bullet, e->text, *e));
        break;
      case EntryKind::Numbered:
      case EntryKind::ReversedNumbered: {
        Block b = single_block(BlockKind::Numbered, e->text, *e);
        int n = e->kind == EntryKind::Numbered ? ++number : reversed--;
        b.marker = std::to_string(n) + ".";
        out.blocks.push_back(std::move(b));
        break;
      }
      case EntryKind::Text:
        out.blocks.push_back(single_block(BlockKind::Text, e->text, *e));
        break;
      default:
        out.blocks.push_back(entry_block(*e, cv, how));
        break;
    }
  }
  return out;
}

// The profile's address: its own `url`, else the address of a network that
// RenderCV knows, from the username; "" for other networks.
std::string social_url(const SocialNetwork& s) {
  if (!s.url.empty()) return s.url;
  static const std::array<std::pair<const char*, const char*>, 16> prefixes = {{
      {"linkedin", "https://linkedin.com/in/"},
      {"github", "https://github.com/"},
      {"gitlab", "https://gitlab.com/"},
      {"x", "https://x.com/"},
      {"twitter", "https://twitter.com/"},
      {"orcid", "https://orcid.org/"},
      {"googlescholar", "https://scholar.google.com/citations?user="},
      {"researchgate", "https://www.researchgate.net/profile/"},
      {"stackoverflow", "https://stackoverflow.com/users/"},
      {"youtube", "https://youtube.com/@"},
      {"imdb", "https://imdb.com/name/"},
      {"instagram", "https://instagram.com/"},
      {"telegram", "https://t.me/"},
      {"whatsapp", "https://wa.me/"},
      {"leetcode", "https://leetcode.com/u/"},
      {"bluesky", "https://bsky.app/profile/"},
  }};
  std::string network;  // lower case, without spaces: "Google Scholar" is googlescholar
  for (const unsigned char c : s.network) {
    if (c != ' ') network += static_cast<char>(std::tolower(c));
  }
  for (const auto& [name, prefix] : prefixes) {
    if (network == name) return prefix + s.username;
  }
  if (network == "reddit") return "https://reddit.com/user/" + s.username;
  if (network == "mastodon") {  // @user@host
    const std::string_view handle =
        std::string_view(s.username).substr(s.username.starts_with('@'));
    const std::size_t at = handle.find('@');
    if (at != std::string_view::npos && at > 0 && at + 1 < handle.size()) {
      return "https://" + std::string(handle.substr(at + 1)) + "/@" +
             std::string(handle.substr(0, at));
    }
  }
  return "";
}

Header header_of(const Cv& cv) {
  Header h;
  h.name = cv.name;
  h.headline = cv.headline;
  h.tagline = cv.tagline;
  h.name_loc = cv.name_loc;
  h.headline_loc = cv.headline_loc;
  h.tagline_loc = cv.tagline_loc;
  auto contact = [&h](RichText text, const SourceLoc& loc) {
    h.contacts.push_back(std::move(text));
    h.contact_locs.push_back(loc);
  };
  if (!cv.location.empty()) contact(plain(cv.location), cv.location_loc);
  if (!cv.email.empty()) contact(link(cv.email, "mailto:" + cv.email), cv.email_loc);
  if (!cv.phone.empty()) contact(link(cv.phone, tel_url(cv.phone)), cv.phone_loc);
  if (!cv.website.empty()) contact(link(without_scheme(cv.website), cv.website), cv.website_loc);
  for (const SocialNetwork& s : cv.social_networks) {
    const std::string url = social_url(s);
    const std::string text = s.network + ": " + s.username;
    contact(url.empty() ? plain(text) : link(text, url), s.loc);
  }
  return h;
}

// The sections of `cv` a tailoring shows, in its order: each at most once.
std::vector<const Section*> chosen_sections(const Cv& cv, const Tailoring& how) {
  std::vector<const Section*> chosen;
  if (how.sections.empty()) {
    for (const Section& s : cv.sections) chosen.push_back(&s);
    return chosen;
  }
  for (const std::string& wanted : how.sections) {
    for (const Section& s : cv.sections) {
      if (!same_section(s.key, wanted) && !same_section(s.title, wanted)) continue;
      if (std::find(chosen.begin(), chosen.end(), &s) == chosen.end()) chosen.push_back(&s);
    }
  }
  return chosen;
}

// The tags of what a tailoring keeps of `sections`, sorted, comma separated.
std::string keywords_of(const std::vector<const Section*>& sections, const Tailoring& how) {
  std::vector<std::string> tags;
  for (const Section* s : sections) {
    for (const Entry& e : s->entries) {
      if (!keeps(e, how)) continue;
      tags.insert(tags.end(), e.tags.begin(), e.tags.end());
      for (const Highlight& h : e.highlights) {
        if (keeps_tagged(h.tags, how)) tags.insert(tags.end(), h.tags.begin(), h.tags.end());
      }
    }
  }
  return joined(distinct_tags(std::move(tags)));
}

}  // namespace

bool same_tag(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string> distinct_tags(std::vector<std::string> tags) {
  std::stable_sort(tags.begin(), tags.end(), [](const std::string& a, const std::string& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return lower(x) < lower(y); });
  });
  tags.erase(std::unique(tags.begin(), tags.end(), same_tag), tags.end());
  return tags;
}

std::vector<std::string> listed_names(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const std::size_t first = name.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    out.push_back(name.substr(first, name.find_last_not_of(" \t") - first + 1));
  }
  return out;
}

std::string why_nothing_left(const Cv& cv, const Tailoring& how) {
  const std::vector<const Section*> chosen = chosen_sections(cv, how);
  int entries = 0, by_exclude = 0, by_tags = 0, by_since = 0;
  for (const Section* s : chosen) {
    for (const Entry& e : s->entries) {
      ++entries;
      if (has_any(e.tags, how.exclude_tags)) {
        ++by_exclude;
      } else if (!keeps_tagged(e.tags, how)) {
        ++by_tags;
      } else if (!keeps(e, how)) {
        ++by_since;
      }
    }
  }
  const std::string sections =
      how.sections.empty() ? "the CV's sections" : "sections [" + joined(how.sections) + "]";
  if (entries == 0) return sections + " hold no entries";
  std::vector<std::string> parts;
  const auto drops = [&](int n, const std::string& filter, const char* verb, const char* which) {
    if (n > 0) parts.push_back(filter + " " + verb + " " + std::to_string(n) + which);
  };
  drops(by_exclude, "exclude_tags [" + joined(how.exclude_tags) + "]", "drop", "");
  drops(by_tags, "tags [" + joined(how.tags) + "]", "drop", ", tagged with none of them");
  drops(by_since, "since " + std::to_string(how.since), "drops", ", which ended before");
  std::string out = entries == 1
                        ? "of the one entry of " + sections + ", "
                        : "of the " + std::to_string(entries) + " entries of " + sections + ", ";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return out;
}

bool keeps_tagged(const std::vector<std::string>& tags, const Tailoring& how) {
  if (has_any(tags, how.exclude_tags)) return false;
  return how.tags.empty() || tags.empty() || has_any(tags, how.tags);
}

std::string format_date(const Date& date) {
  if (date.present) return "Present";
  if (!date.text.empty()) return date.text;
  if (date.year == 0) return "";
  if (date.month < 1 || date.month > 12) return std::to_string(date.year);
  return std::string(kMonths[date.month - 1]) + " " + std::to_string(date.year);
}

std::string format_range(const Date& date, const Date& start, const Date& end) {
  if (!date.empty()) return format_date(date);
  const std::string from = format_date(start);
  const std::string to = format_date(end);
  if (from.empty()) return to;
  if (to.empty() || to == from) return from;
  return from + " \xE2\x80\x93 " + to;
}

Document tailor(const Cv& cv, const Tailoring& how) {
  Document doc;
  doc.header = header_of(cv);
  const std::vector<const Section*> chosen = chosen_sections(cv, how);
  for (const Section* s : chosen) {
    DocSection section = section_of(*s, cv, how);
    if (!section.blocks.empty()) doc.sections.push_back(std::move(section));  // emptied: gone
  }
  for_each_text(doc, [](RichText& text, const char*, const SourceLoc&) { text = autolink(text); });
  doc.meta.title = cv.name + " \xE2\x80\x94 CV";
  doc.meta.author = cv.name;
  doc.meta.subject = plain_text(cv.headline);
  doc.meta.keywords = keywords_of(chosen, how);
  if (doc.meta.keywords.empty()) {  // no tags: the sections say what the CV covers
    for (const DocSection& s : doc.sections)
      doc.meta.keywords += (doc.meta.keywords.empty() ? "" : ", ") + s.title;
  }
  return doc;
}

}  // namespace cvpress

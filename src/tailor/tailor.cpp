#include "tailor/tailor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "text/autolink.h"

namespace cvpress {
namespace {

const std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool has_any(const std::vector<std::string>& tags, const std::vector<std::string>& wanted) {
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
    return std::find(wanted.begin(), wanted.end(), t) != wanted.end();
  });
}

bool keep_tagged(const std::vector<std::string>& tags, const Tailoring& how) {
  if (has_any(tags, how.exclude_tags)) return false;
  return how.tags.empty() || tags.empty() || has_any(tags, how.tags);
}

// The year an entry ended (its single date, or its end date); 0 when it is
// undated or ongoing.
int end_year(const Entry& e) {
  if (e.end_date.present || e.date.present) return 0;
  if (e.end_date.year) return e.end_date.year;
  if (e.date.year) return e.date.year;
  return e.start_date.year && e.end_date.empty() ? 0 : e.start_date.year;
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
    if (!owner.empty() && (owner.find(text) != std::string::npos ||
                           text.find(owner) != std::string::npos)) {
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
      b.title = e.institution;
      b.subtitle = join(e.degree, ", ", e.area);
      break;
    case EntryKind::Experience:
      b.title = e.company;
      b.subtitle = e.position;
      break;
    case EntryKind::Publication: {
      b.title = e.title;
      b.subtitle = authors_line(e.authors, cv.name);
      RichText venue = autolink(e.journal);
      auto links_to = [&](const std::string& url) {
        return std::any_of(venue.begin(), venue.end(), [&](const Span& s) { return s.link == url; });
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
    if (keep_tagged(h.tags, how)) b.items.push_back({h.text, h.priority, h.loc});
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
  std::vector<const Entry*> kept;
  for (const Entry& e : section.entries) {
    if (!keep_tagged(e.tags, how)) continue;
    if (how.since && end_year(e) && end_year(e) < how.since) continue;
    kept.push_back(&e);
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

std::string social_url(const SocialNetwork& s) {
  static const std::array<std::pair<const char*, const char*>, 10> prefixes = {{
      {"linkedin", "https://linkedin.com/in/"},
      {"github", "https://github.com/"},
      {"gitlab", "https://gitlab.com/"},
      {"x", "https://x.com/"},
      {"twitter", "https://twitter.com/"},
      {"orcid", "https://orcid.org/"},
      {"google scholar", "https://scholar.google.com/citations?user="},
      {"researchgate", "https://www.researchgate.net/profile/"},
      {"stackoverflow", "https://stackoverflow.com/users/"},
      {"youtube", "https://youtube.com/@"},
  }};
  std::string network = s.network;
  std::transform(network.begin(), network.end(), network.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const auto& [name, prefix] : prefixes) {
    if (network == name) return prefix + s.username;
  }
  return "";
}

Header header_of(const Cv& cv) {
  Header h;
  h.name = cv.name;
  h.headline = cv.headline;
  h.tagline = cv.tagline;
  if (!cv.location.empty()) h.contacts.push_back(plain(cv.location));
  if (!cv.email.empty()) h.contacts.push_back(link(cv.email, "mailto:" + cv.email));
  if (!cv.phone.empty()) h.contacts.push_back(link(cv.phone, "tel:" + cv.phone));
  if (!cv.website.empty()) h.contacts.push_back(link(without_scheme(cv.website), cv.website));
  for (const SocialNetwork& s : cv.social_networks) {
    const std::string url = social_url(s);
    const std::string text = s.network + ": " + s.username;
    h.contacts.push_back(url.empty() ? plain(text) : link(text, url));
  }
  return h;
}

std::string normalise(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += c == '_' ? ' ' : static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

bool same_section(const std::string& a, const std::string& b) {
  return normalise(a) == normalise(b);
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
  auto add = [&](const Section& s) {
    DocSection section = section_of(s, cv, how);
    if (!section.blocks.empty()) doc.sections.push_back(std::move(section));
  };
  if (how.sections.empty()) {
    for (const Section& s : cv.sections) add(s);
  } else {
    for (const std::string& wanted : how.sections) {
      for (const Section& s : cv.sections) {
        if (same_section(s.key, wanted) || same_section(s.title, wanted)) add(s);
      }
    }
  }
  for_each_text(doc, [](RichText& text, const char*, const SourceLoc&) { text = autolink(text); });
  doc.meta.title = cv.name + " \xE2\x80\x94 CV";
  doc.meta.author = cv.name;
  doc.meta.subject = plain_text(cv.headline);
  std::set<std::string> keywords;
  for (const Section& s : cv.sections) {
    for (const Entry& e : s.entries) keywords.insert(e.tags.begin(), e.tags.end());
  }
  for (const std::string& k : keywords) {
    doc.meta.keywords += (doc.meta.keywords.empty() ? "" : ", ") + k;
  }
  return doc;
}

}  // namespace cvpress

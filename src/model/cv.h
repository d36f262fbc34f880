// Cv: the validated model of an input file (RenderCV v2 `cv:` schema plus the
// cvpress extensions tags, priority and profiles). Plain structs, no I/O.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/rich_text.h"
#include "model/source.h"

namespace cvpress {

// A date as written: YYYY, YYYY-MM, YYYY-MM-DD, "present", or free text.
struct Date {
  int year = 0;   // 0 when not a calendar date
  int month = 0;  // 1..12, 0 when absent
  int day = 0;    // 1..31, 0 when absent
  bool present = false;
  std::string text;  // free text when it is not a calendar date ("Fall 2020")

  bool empty() const { return year == 0 && !present && text.empty(); }
  bool operator==(const Date&) const = default;
};

inline constexpr int kDefaultPriority = 3;

struct Highlight {
  RichText text;
  std::vector<RichText> subitems;  // its sub-bullets (text/markup.h: split_sub_bullets)
  std::vector<std::string> tags;
  int priority = kDefaultPriority;
  SourceLoc loc;
};

enum class EntryKind {
  Education,         // institution, area, degree
  Experience,        // company, position
  Publication,       // title, authors, journal, doi, url
  Normal,            // name
  OneLine,           // label, details
  Bullet,            // bullet
  Numbered,          // number
  ReversedNumbered,  // reversed_number
  Text,              // a plain string, or a map with `text` (to carry tags and priority)
};

struct Entry {
  EntryKind kind = EntryKind::Text;

  RichText institution, area, degree;  // education
  RichText company, position;          // experience
  RichText title, journal;             // publication
  std::vector<RichText> authors;       // publication
  std::string doi, url;                // publication (url also on normal entries)
  RichText name;                       // normal
  RichText label, details;             // one-line
  RichText text;                       // bullet, numbered, reversed numbered, text

  Date date;  // a single date or free text ("date:")
  Date start_date, end_date;
  RichText location, summary;
  std::vector<Highlight> highlights;

  std::vector<std::string> tags;
  int priority = kDefaultPriority;
  SourceLoc loc;
};

struct Section {
  std::string key;    // as written in the file ("selected_projects")
  std::string title;  // as shown ("Selected Projects")
  std::vector<Entry> entries;
  SourceLoc loc;
};

struct SocialNetwork {
  std::string network;  // "GitHub", "LinkedIn", ...
  std::string username;
  std::string url;  // cvpress: the profile's address, for a network cvpress cannot link by itself
  SourceLoc loc;
};

// A named tailoring from the top-level `profiles:` map.
struct Profile {
  std::string name;
  std::vector<std::string> tags, exclude_tags, sections;
  std::vector<std::pair<std::string, std::string>> overrides;  // dot path, value
  std::string style;
  SourceLoc loc;        // of the profile's name
  SourceLoc style_loc;  // of its `style:` value, when given
};

struct Cv {
  std::string name;
  RichText headline;
  RichText tagline;  // cvpress extension: a line under the headline
  std::string location, email, phone, website;
  std::vector<SocialNetwork> social_networks;
  std::vector<Section> sections;

  std::vector<Profile> profiles;
  std::string theme;      // design.theme
  SourceLoc theme_loc;    // where design.theme is given
  std::string page_size;  // design.page.size ("a4", "letter"), empty = style's
  std::string language;   // locale.language
  Date current_date;      // settings.current_date

  std::string source_file;
  // Where the header's fields are written, for messages about them.
  SourceLoc name_loc, headline_loc, tagline_loc, location_loc, email_loc, phone_loc, website_loc;
};

}  // namespace cvpress

// Tailoring: Cv -> Document. Applies the tag, section and date filters and
// resolves every entry kind into the backend-neutral blocks of document.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/cv.h"
#include "model/document.h"
#include "model/section_name.h"

namespace cvpress {

// Which entries and highlights a Document shows. An item is an entry or a
// highlight; tags compare case-insensitively.
struct Tailoring {
  std::vector<std::string> tags;          // keep tagged items only if they carry one of these
  std::vector<std::string> exclude_tags;  // drop items carrying any of these
  std::vector<std::string> sections;      // only these, in this order (empty: all)
  int since = 0;  // drop entries that ended before this year; undated and ongoing ones stay
};

// The Document of `cv` as tailored by `how`; a section left without entries
// is left out.
Document tailor(const Cv& cv, const Tailoring& how);

// Whether an item with these tags passes the tag filters of `how`: untagged
// items always do.
bool keeps_tagged(const std::vector<std::string>& tags, const Tailoring& how);

// "Nov 2025", "2014", "Present", or the free text.
std::string format_date(const Date& date);
// "Nov 2025 – Present"; a single date alone; "" when undated.
std::string format_range(const Date& date, const Date& start, const Date& end);

// Tags compare case-insensitively (sections: see same_section()).
bool same_tag(std::string_view a, std::string_view b);

// `tags` sorted without regard to case, each once: of "GPU" and "gpu" the
// first given stays.
std::vector<std::string> distinct_tags(std::vector<std::string> tags);

// A list of names as the command line gives it ("gpu, compiler,"): each
// trimmed, empty ones left out.
std::vector<std::string> listed_names(const std::vector<std::string>& names);

// Why a tailoring that leaves no section does so: what each filter drops of
// the entries of the sections it chooses ("tags [gpus] drop 20 of the 26
// entries of the chosen sections, since 2030 drops 6").
std::string why_nothing_left(const Cv& cv, const Tailoring& how);

}  // namespace cvpress

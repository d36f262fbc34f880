// Tailoring: Cv -> Document. Applies the tag, section and date filters and
// resolves every entry kind into the backend-neutral blocks of document.h.
#pragma once

#include <string>
#include <vector>

#include "model/cv.h"
#include "model/document.h"

namespace cvpress {

struct Tailoring {
  std::vector<std::string> tags;          // keep tagged items carrying one of these
  std::vector<std::string> exclude_tags;  // drop items carrying any of these
  std::vector<std::string> sections;      // only these, in this order (empty: all)
  int since = 0;                          // drop dated entries that ended before
};

Document tailor(const Cv& cv, const Tailoring& how);

// "Nov 2025", "2014", "Present", or the free text.
std::string format_date(const Date& date);
// "Nov 2025 – Present"; a single date alone; "" when undated.
std::string format_range(const Date& date, const Date& start, const Date& end);

// Section keys and titles compare case-insensitively, spaces and underscores alike.
bool same_section(const std::string& a, const std::string& b);

}  // namespace cvpress

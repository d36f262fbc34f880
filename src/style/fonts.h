// Font lookup: fills each FontFace's file and vertical metrics from its
// family and style name through fontconfig.
#pragma once

#include <string>

#include "style/style.h"

namespace cvpress {

// Resolves every face of `style`. Returns an empty string on success, else a
// message naming the family and style that could not be found as TrueType.
std::string resolve_fonts(Style& style);

}  // namespace cvpress

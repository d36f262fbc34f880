// Font lookup: fills each FontFace's file and vertical metrics from its
// family and style name through fontconfig.
#pragma once

#include <string>
#include <vector>

#include "style/style.h"

namespace cvpress {

// Resolves every face of `style`, its fallback fonts and its math font. Returns an empty string on
// success, else a message naming the family and style that could not be found as TrueType.
std::string resolve_fonts(Style& style);

// Starts reading fontconfig's configuration (milliseconds of XML) on another
// thread, so that it overlaps whatever the caller does before the first
// resolve_face(), which waits for it. Optional; call it once, early.
void start_font_lookup();

// Resolves one face: "" on success, else a message naming the family, the
// style and the Debian package to install.
std::string resolve_face(FontFace& face);

// The message for a family whose faces in `styles` are not installed (as
// resolve_face words it for one).
std::string missing_font(const FontFace& face, const std::vector<std::string>& styles);

// resolve_face for the math font, which must have an OpenType MATH table.
std::string resolve_math_face(FontFace& face);

// The Debian package that installs a font family ("Lato" -> "fonts-lato");
// "" when it is not one cvpress knows.
std::string debian_font_package(const std::string& family);

}  // namespace cvpress

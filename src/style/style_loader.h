// Style files: YAML that sets the numbers, fonts and looks of a Style (see
// styles/classic.yaml for every key, and README.md, "Styles"). They are
// validated like CV files: every problem is a diagnostic with file:line:col,
// unknown keys are warnings with a did-you-mean, and nothing throws.
//
// A style file starts from the classic style, or from the style it names in
// `extends:` (a built-in name, or a file relative to it), and changes only
// the keys it gives.
//
// Styles are found by name in the style search path (style_search_path()):
// $CVPRESS_STYLE_PATH, then `styles/` next to the executable, then the
// install's share/cvpress/styles, then the source tree's styles/.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "load/diagnostics.h"
#include "style/style.h"

namespace cvpress {

struct StyleLoad {
  Style style;
  Diagnostics diags;
  std::map<std::string, std::string> sources;   // each file read, by name: for render()
  std::array<SourceLoc, kFaceCount> font_locs;  // where each face's family was set
  SourceLoc math_loc;                           // ... the math font's
  std::vector<SourceLoc> fallback_locs;         // ... each fallback font's
  std::map<std::string, SourceLoc> key_locs;    // where each key was given ("page.margins")

  // The diagnostics with their source lines, each from its own file.
  std::string render() const;
};

// Reads a style file and the files it extends; fonts are not resolved.
StyleLoad load_style_file(const std::string& path);
// The same for `text`; `file_name` is used in locations and to find a
// relative `extends:`.
StyleLoad load_style_text(const std::string& text, const std::string& file_name);

// What a build calls. `name_or_path`: a built-in style's name ("modern"), a
// RenderCV theme's name (mapped by style_for_theme), or a style file's path
// (it has a '/' or ends in .yaml); "" means classic. Returns the style with
// its fonts resolved; every problem goes into `diags` (a missing font is an
// error at the family's line that names the Debian package). When `diags`
// has errors the returned style must not be used.
Style load_style(const std::string& name_or_path, Diagnostics& diags);

// Renders diagnostics from load_style, reading each one's source line from
// its file.
std::string render_style_diagnostics(const Diagnostics& diags);

// The folders searched for a style given by name, in order (existing ones).
std::vector<std::string> style_search_path();
// The names of the styles in the search path, sorted, without duplicates.
std::vector<std::string> builtin_style_names();
// The file of a style name or path; "" when there is none.
std::string find_style_file(const std::string& name_or_path);

// The built-in style nearest to a RenderCV theme: classic and
// engineeringclassic -> classic, sb2nov and engineeringresumes -> compact,
// moderncv -> modern. Any other name is returned as it is.
std::string style_for_theme(const std::string& theme);

// Sets the page size by name ("a4", "letter", "us-letter"); false when the
// name is none of these (the style is then unchanged).
bool set_paper(Style& style, const std::string& paper);

}  // namespace cvpress

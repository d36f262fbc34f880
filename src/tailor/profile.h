// Profiles: named tailorings in the file's `profiles:`, and how the flags of
// the command line combine with them. The profile's `overrides:` change the
// file itself and are applied by the loader (LoadOptions::profile).
#pragma once

#include <string>
#include <string_view>

#include "load/diagnostics.h"
#include "model/cv.h"
#include "tailor/tailor.h"

namespace cvpress {

// The profile of `cv` named `name`; nullptr when there is none (or no name).
const Profile* find_profile(const Cv& cv, std::string_view name);

// The profile's tailoring with the command line's on top: tags and
// exclude_tags are the union of both; sections and since, when the command
// line gives them, replace the profile's.
Tailoring with_profile(const Profile& profile, const Tailoring& command_line);

// A style's name or file as given, and where: `--style`, a profile's
// `style:` or `design.theme` in the file.
struct StyleChoice {
  std::string name;  // "" for the default
  SourceLoc loc;
};

// The style to use: the command line's, else the profile's, else the file's
// design.theme; "" for the default.
StyleChoice choose_style(const std::string& command_line, const Profile* profile, const Cv& cv);

// What in a tailoring of the command line names nothing in `cv`: a section
// that matches none is an error (the CV would silently lose it), a tag that
// no entry or highlight carries a warning. Both suggest the closest name.
Diagnostics check_tailoring(const Cv& cv, const Tailoring& command_line);

}  // namespace cvpress

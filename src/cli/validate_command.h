// `cvpress validate`, and the checks of a CV file that need more than the
// loader knows: that the styles it names exist. `cvpress build` makes the
// same checks, so a file that validates builds.
#pragma once

#include <string>

#include "load/diagnostics.h"
#include "model/cv.h"
#include "tailor/profile.h"

namespace cvpress {

// An error at `choice.loc` when `choice.name` is neither a style's name, a
// RenderCV theme's nor a style file; nothing for "" (the default).
void check_style_name(const StyleChoice& choice, Diagnostics& diags);

// Every style the file names: design.theme and each profile's `style:`.
void check_styles(const Cv& cv, Diagnostics& diags);

// Lists every problem of `file`, its profiles included; exit 1 when one is an
// error, else says it is valid (exit 0).
int run_validate(const std::string& file);

}  // namespace cvpress

// The CV file reader: YAML in the RenderCV v2 `cv:` schema plus the cvpress
// extensions (tags, priority, tagline, profiles), validated into a Cv.
//
// Loading never throws and never stops at the first problem: every problem is
// a diagnostic with its file:line:col. Errors make the result unusable;
// warnings (unknown keys, RenderCV settings cvpress does not use, markup
// mistakes) do not.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "load/diagnostics.h"
#include "load/schema.h"
#include "model/cv.h"

namespace cvpress {

// Larger inputs are refused unread.
inline constexpr std::size_t kMaxInputBytes = std::size_t{16} << 20;
// Deeper nesting of flow collections ([ and {) is refused before parsing:
// yaml-cpp parses them recursively.
inline constexpr int kMaxNesting = 256;

struct LoadResult {
  Cv cv;
  Diagnostics diags;
  std::string source;  // the text that was parsed (BOM removed, CRLF as LF), for diags.render()
};

// Changes made to the file's YAML tree before it is read (load/overrides.h).
struct LoadOptions {
  std::string profile;                 // apply the `overrides:` of this profile of the file
  std::vector<std::string> overrides;  // "PATH=VALUE" each, as --set; after the profile's
};

// Reads and loads the file at `path`; a file that cannot be read is an error
// diagnostic.
LoadResult load_cv_file(const std::string& path, const LoadOptions& options = {});

// Loads `text`; `file_name` is used in source locations only.
LoadResult load_cv_text(std::string text, const std::string& file_name,
                        const LoadOptions& options = {});

// The keys the loader reads, described from its own tables: the one source of
// the JSON Schema, the input reference and the paths --set accepts.
const InputSchema& input_schema();

}  // namespace cvpress

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

// Limits that keep time and memory bounded on any input (README.md, "Bad
// input"); no real CV comes near them: the fixtures are up to 15 KiB.
//
// Larger input files are refused unread: yaml-cpp needs some 100-200 bytes of
// memory per byte of YAML, and layout a few microseconds. (A hundred times
// cv.yaml, the benchmarks' largest CV, is 1.3 MiB.)
inline constexpr std::size_t kMaxInputBytes = std::size_t{2} << 20;
// One value (a name, a summary, a highlight) is at most this long: a single
// word that long still breaks into some 1000 lines.
inline constexpr std::size_t kMaxValueBytes = std::size_t{64} << 10;
// At most this many list items (entries, highlights, names, ...) in all:
// layout time and memory grow with them (a hundred times cv.yaml, the
// benchmarks' largest CV, has some 26000).
inline constexpr std::size_t kMaxItems = 50000;
// yaml-cpp holds every token of a `[...]` or `{...}` list in memory (hundreds
// of bytes a bracket) until it knows what the list is; it is never given more
// than this many bytes beyond what it has reported, so a longer list, or a
// value that long, is refused.
inline constexpr std::size_t kMaxLookahead = std::size_t{128} << 10;
// Deeper nesting of lists and maps is refused where it goes too deep:
// yaml-cpp parses nesting recursively.
inline constexpr int kMaxNesting = 256;

// "1 MiB", "64 KiB": a limit as its message says it.
std::string size_name(std::size_t bytes);

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

// Test inputs for the benchmarks: cv.yaml made N times larger.
#pragma once

#include <string>

namespace cvpress::bench {

// The YAML of `cv_yaml` with every section's entries written `factor` times.
// Copy k > 1 of an entry gets " (k)" appended to each of its texts (names,
// titles, summaries, highlights ...), so paragraphs differ from copy to copy
// as in a real long CV while the vocabulary stays that of the original, and
// its priority 1 becomes 2: only the first copy is pinned, so the one-page
// variant still fits. Dates, tags, other priorities and links are kept. Throws YAML::Exception on
// input that is not YAML, std::runtime_error when it has no cv.sections.
std::string multiply_cv(const std::string& cv_yaml, int factor);

}  // namespace cvpress::bench

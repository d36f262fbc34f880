// The address a link target is written as, in both PDFs.
#pragma once

#include <string>
#include <string_view>

namespace cvpress {

// `url` as the /URI of a PDF link action, which must be 7-bit ASCII and
// which hyperref's \href can reproduce exactly: every printable ASCII
// character as written; bytes beyond ASCII and spaces percent-encoded
// (RFC 3987's mapping of an IRI to a URI); control characters dropped; a
// `#` after the first percent-encoded (a fragment cannot hold one) and an
// empty fragment's `#` dropped. The direct PDF writes this; the LaTeX
// writer makes hyperref write it.
std::string link_uri(std::string_view url);

}  // namespace cvpress

// Autolinking: URLs, e-mail addresses, DOIs and arXiv ids written as plain
// text become link spans, so every one of them is clickable in both backends.
#pragma once

#include <string>
#include <string_view>

#include "model/rich_text.h"

namespace cvpress {

// Returns `text` with link spans for the URLs (http://, https://, www.),
// e-mail addresses, DOIs (doi:10.x/y or 10.x/y) and arXiv ids ("arXiv
// 2503.01873", "arXiv:2503.01873") found in its unlinked text spans.
// Trailing punctuation stays outside a link.
RichText autolink(const RichText& text);

// A tel: URL for a phone number as written: its digits and a leading `+`
// only ("+44 20 7946 0000" -> "tel:+442079460000"), as RFC 3966 wants.
std::string tel_url(std::string_view phone);

}  // namespace cvpress

#include "text/uri.h"

namespace cvpress {

std::string link_uri(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  bool fragment = false;
  for (const char ch : url) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7F) continue;
    if (byte > 0x20 && byte < 0x7F && !(ch == '#' && fragment)) {
      fragment = fragment || ch == '#';
      out += ch;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  if (!out.empty() && out.back() == '#') out.pop_back();
  return out;
}

}  // namespace cvpress

#include "style/style.h"

namespace cvpress {

namespace {

FontFace face(const char* family, const char* style) {
  FontFace f;
  f.family = family;
  f.style = style;
  return f;
}

}  // namespace

Style classic_style() {
  Style s;
  s.faces[static_cast<int>(Face::Regular)] = face("Charis SIL", "Regular");
  s.faces[static_cast<int>(Face::Bold)] = face("Charis SIL", "Bold");
  s.faces[static_cast<int>(Face::Italic)] = face("Charis SIL", "Italic");
  s.faces[static_cast<int>(Face::BoldItalic)] = face("Charis SIL", "Bold Italic");
  s.faces[static_cast<int>(Face::Mono)] = face("DejaVu Sans Mono", "Book");
  return s;
}

}  // namespace cvpress

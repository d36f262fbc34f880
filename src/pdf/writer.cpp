#include "pdf/writer.h"

#include <fmt/format.h>
#include <podofo/podofo.h>

#include <cmath>
#include <map>
#include <stdexcept>

#include "pdf/font_embed.h"
#include "text/font_book.h"

namespace cvpress {
namespace {

using namespace PoDoFo;

// A number for a content stream: at most 3 decimals, no trailing zeros.
std::string num(double v) {
  std::string s = fmt::format("{:.3f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string color_ops(const Color& c, const char* op) {
  return num(c.r) + " " + num(c.g) + " " + num(c.b) + " " + op + "\n";
}

PdfString utf8(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

struct EmbeddedFont {
  PdfObject* object = nullptr;
  std::map<std::uint32_t, int> widths;  // glyph id -> /W width, 1000ths of the em
};

class Writer {
 public:
  Writer(const Pages& pages, FontBook& fonts) : pages_(pages), fonts_(fonts) {}
  std::string write(const Metadata& meta, const std::string& creation_date);

 private:
  void embed_fonts();
  std::string content(const Page& page) const;
  std::string text_run(const GlyphRun& run) const;
  void add_links(PdfPage& page, const Page& content);
  void add_outline();

  const Pages& pages_;
  FontBook& fonts_;
  PdfMemDocument doc_;
  std::map<int, EmbeddedFont> embedded_;
};

void Writer::embed_fonts() {
  std::map<int, GlyphUse> use;
  for (const Page& page : pages_.pages) {
    for (const GlyphRun& run : page.runs) {
      for (const Glyph& g : run.glyphs) {
        std::u32string& chars = use[run.font][g.id];
        if (chars.empty()) chars = g.chars;
      }
    }
  }
  PdfVecObjects* objects = &doc_.GetObjects();
  for (const auto& [font, glyphs] : use) {
    const std::string& file = fonts_.file(font);
    const FontInfo info = font_info(file);
    const std::string base = subset_tag(info.postscript_name, glyphs) + "+" + info.postscript_name;
    EmbeddedFont& embedded = embedded_[font];

    PdfObject* program = objects->CreateObject();
    const std::string bytes = subset_font(file, glyphs);
    program->GetStream()->Set(bytes.data(), bytes.size());
    program->GetDictionary().AddKey("Length1", static_cast<pdf_int64>(bytes.size()));

    PdfObject* descriptor = objects->CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(base));
    d.AddKey("Flags", static_cast<pdf_int64>(info.italic_angle != 0 ? 4 + 64 : 4));
    PdfArray bbox;
    for (double v : info.bbox) bbox.push_back(PdfVariant(static_cast<pdf_int64>(std::lround(v))));
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", PdfVariant(info.italic_angle));
    d.AddKey("Ascent", PdfVariant(static_cast<pdf_int64>(std::lround(info.ascent))));
    d.AddKey("Descent", PdfVariant(static_cast<pdf_int64>(std::lround(info.descent))));
    d.AddKey("CapHeight", PdfVariant(static_cast<pdf_int64>(std::lround(info.cap_height))));
    d.AddKey("StemV", PdfVariant(static_cast<pdf_int64>(80)));
    d.AddKey("FontFile2", program->Reference());

    PdfArray widths;
    for (const auto& entry : glyphs) {
      const int w = static_cast<int>(
          std::lround(fonts_.nominal_advance(font, entry.first) * 1000.0 / info.upem));
      embedded.widths[entry.first] = w;
      widths.push_back(PdfVariant(static_cast<pdf_int64>(entry.first)));
      PdfArray one;
      one.push_back(PdfVariant(static_cast<pdf_int64>(w)));
      widths.push_back(one);
    }
    PdfObject* cid = objects->CreateObject("Font");
    PdfDictionary& c = cid->GetDictionary();
    c.AddKey("Subtype", PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PdfName(base));
    PdfDictionary system_info;
    system_info.AddKey("Registry", PdfString("Adobe"));
    system_info.AddKey("Ordering", PdfString("Identity"));
    system_info.AddKey("Supplement", PdfVariant(static_cast<pdf_int64>(0)));
    c.AddKey("CIDSystemInfo", system_info);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("W", widths);
    c.AddKey("CIDToGIDMap", PdfName("Identity"));

    PdfObject* to_unicode = objects->CreateObject();
    const std::string cmap = to_unicode_cmap(glyphs);
    to_unicode->GetStream()->Set(cmap.data(), cmap.size());

    PdfObject* type0 = objects->CreateObject("Font");
    PdfDictionary& t = type0->GetDictionary();
    t.AddKey("Subtype", PdfName("Type0"));
    t.AddKey("BaseFont", PdfName(base));
    t.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid->Reference());
    t.AddKey("DescendantFonts", descendants);
    t.AddKey("ToUnicode", to_unicode->Reference());
    embedded.object = type0;
  }
}

// One TJ array: codes are glyph ids; the numbers move each glyph from the
// integer /W width the file holds to its shaped (kerned) position.
std::string Writer::text_run(const GlyphRun& run) const {
  const EmbeddedFont& font = embedded_.at(run.font);
  std::string out = fmt::format("/F{} {} Tf\n1 0 0 1 {} {} Tm\n[<", run.font, num(run.size),
                                num(run.x), num(pages_.height - run.y));
  double actual = 0, ideal = 0;  // pen positions in 1000ths of the em
  for (size_t i = 0; i < run.glyphs.size(); ++i) {
    const Glyph& g = run.glyphs[i];
    out += fmt::format("{:04X}", g.id);
    actual += font.widths.at(g.id);
    ideal += g.advance * 1000.0 / run.size;
    if (i + 1 == run.glyphs.size()) break;
    const double adjust = std::round((actual - ideal) * 1000.0) / 1000.0;
    if (adjust != 0) {
      out += ">" + num(adjust) + "<";
      actual -= adjust;
    }
  }
  out += ">] TJ\n";
  return out;
}

std::string Writer::content(const Page& page) const {
  std::string out;
  for (const Rule& r : page.rules) {
    out += color_ops(r.color, "rg");
    out += fmt::format("{} {} {} {} re f\n", num(r.x), num(pages_.height - r.y - r.height),
                       num(r.width), num(r.height));
  }
  if (page.runs.empty()) return out;
  out += "BT\n";
  const Color* current = nullptr;
  for (const GlyphRun& run : page.runs) {
    if (!current || !(*current == run.color)) {
      out += color_ops(run.color, "rg");
      current = &run.color;
    }
    out += text_run(run);
  }
  out += "ET\n";
  return out;
}

void Writer::add_links(PdfPage& page, const Page& content) {
  for (const LinkArea& link : content.links) {
    PdfRect rect(link.x, pages_.height - link.y - link.height, link.width, link.height);
    PdfAnnotation* annotation = page.CreateAnnotation(ePdfAnnotation_Link, rect);
    PdfAction action(ePdfAction_URI, &doc_);
    action.SetURI(PdfString(link.url));
    annotation->SetAction(action);
    annotation->SetBorderStyle(0, 0, 0);
    annotation->GetObject()->GetDictionary().RemoveKey("M");  // a date breaks reproducibility
  }
}

void Writer::add_outline() {
  if (pages_.outline.empty()) return;
  PdfOutlines* outlines = doc_.GetOutlines(true);
  PdfOutlineItem* item = nullptr;
  for (const OutlineEntry& entry : pages_.outline) {
    PdfDestination dest(doc_.GetPage(entry.page), 0, pages_.height - entry.y, 0);
    item = item ? item->CreateNext(utf8(entry.title), dest)
                : outlines->CreateRoot(utf8(entry.title));
    if (item == outlines->First()) item->SetDestination(dest);
  }
}

std::string Writer::write(const Metadata& meta, const std::string& creation_date) {
  embed_fonts();
  PdfDictionary font_resources;
  for (const auto& [font, embedded] : embedded_) {
    font_resources.AddKey(PdfName(fmt::format("F{}", font)), embedded.object->Reference());
  }
  for (const Page& page : pages_.pages) {
    // CreatePage invalidates earlier PdfPage pointers: finish each page here.
    PdfPage* pdf_page = doc_.CreatePage(PdfRect(0, 0, pages_.width, pages_.height));
    pdf_page->GetResources()->GetDictionary().AddKey("Font", font_resources);
    const std::string ops = content(page);
    pdf_page->GetContents()->GetStream()->Set(ops.data(), ops.size());
    add_links(*pdf_page, page);
  }
  add_outline();
  if (!pages_.outline.empty()) doc_.SetPageMode(ePdfPageModeUseBookmarks);

  PdfInfo* info = doc_.GetInfo();
  info->SetTitle(utf8(meta.title));
  info->SetAuthor(utf8(meta.author));
  info->SetSubject(utf8(meta.subject));
  info->SetKeywords(utf8(meta.keywords));
  info->SetCreator(utf8("cvpress " CVPRESS_VERSION));
  info->SetProducer(utf8("cvpress " CVPRESS_VERSION " with PoDoFo"));
  PdfDictionary& dict = info->GetObject()->GetDictionary();
  dict.AddKey("CreationDate", PdfString(creation_date));
  dict.AddKey("ModDate", PdfString(creation_date));

  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc_.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

std::string write_pdf(const Pages& pages, const Metadata& meta, FontBook& fonts,
                      const std::string& creation_date) {
  PdfError::EnableLogging(false);
  PdfError::EnableDebug(false);
  try {
    return Writer(pages, fonts).write(meta, creation_date);
  } catch (const PdfError& e) {
    throw std::runtime_error(std::string("PDF writer: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

}  // namespace cvpress

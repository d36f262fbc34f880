#include "pdf/writer.h"

#include <fmt/format.h>
#include <podofo/podofo.h>
#include <zlib.h>

#include <cmath>
#include <future>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "pdf/font_embed.h"
#include "text/font_book.h"
#include "text/uri.h"
#include "text/utf8.h"

namespace cvpress {
namespace {

using namespace PoDoFo;

// A number for a content stream: at most 3 decimals, no trailing zeros.
// Written by hand: content streams hold one per glyph adjustment.
std::string num(double v) {
  // Rounded as the exact value of v * 1000 would be (as printf does): only a
  // product that lands on a half needs the rounding error to decide.
  const double product = v * 1000;
  const double below = std::floor(product);
  long long thousandths = std::llround(product);
  if (product - below == 0.5) {
    const double error = std::fma(v, 1000, -product);
    const bool up = error > 0 || (error == 0 && std::fmod(below, 2) != 0);
    thousandths = static_cast<long long>(up ? below + 1 : below);
  }
  unsigned long long magnitude = thousandths < 0
                                     ? 0ull - static_cast<unsigned long long>(thousandths)
                                     : static_cast<unsigned long long>(thousandths);
  char buffer[32];
  char* const end = buffer + sizeof buffer;
  char* p = end;
  if (unsigned fraction = magnitude % 1000; fraction != 0) {
    int digits = 3;
    for (; fraction % 10 == 0; fraction /= 10) --digits;
    for (; digits > 0; --digits, fraction /= 10) *--p = static_cast<char>('0' + fraction % 10);
    *--p = '.';
  }
  magnitude /= 1000;
  do {
    *--p = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (thousandths < 0) *--p = '-';
  return std::string(p, end);
}

// Appends a glyph id as the 4 hex digits of an Identity-H code.
void append_code(std::string& out, std::uint32_t id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (id > 0xFFFF) {
    out += fmt::format("{:04X}", id);
    return;
  }
  const char code[4] = {kHex[id >> 12], kHex[(id >> 8) & 15], kHex[(id >> 4) & 15], kHex[id & 15]};
  out.append(code, 4);
}

std::string color_ops(const Color& c, const char* op) {
  return num(c.r) + " " + num(c.g) + " " + num(c.b) + " " + op + "\n";
}

// A PDF text string. PoDoFo 0.9.8 writes past its buffer when the UTF-8 is
// malformed: the loader lets none through, and any that came here anyway
// would be written as U+FFFD.
PdfString utf8(const std::string& s) {
  const std::string checked = encode_utf8(decode_utf8(s));
  return PdfString(reinterpret_cast<const pdf_utf8*>(checked.c_str()));
}

struct EmbeddedFont {
  PdfObject* object = nullptr;
  std::map<std::uint32_t, int> widths;  // code -> /W width, 1000ths of the em
};

// A glyph that stands for another text than the first its font used it for
// (fonts draw U+00A0 with the space's glyph, Lato U+2010 with U+002D's):
// its own code (CID), past the font's glyph ids, mapped back to the glyph by
// a CIDToGIDMap, so that each text extracts as written.
using SharedGlyph = std::pair<std::uint32_t, std::u32string>;  // glyph id, text

// A subset font program and its FlateDecode'd bytes.
struct FontProgram {
  std::size_t length = 0;
  std::string deflated;
};

// `data` compressed for a /FlateDecode stream, at zlib's fastest level:
// PoDoFo's own filter takes the default level, which spends three times as
// long for files some 10% smaller. Needs no PoDoFo document, so it can run
// on another thread.
std::string flate(std::string_view data) {
  uLongf length = compressBound(static_cast<uLong>(data.size()));
  std::string out(length, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &length,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                Z_BEST_SPEED) != Z_OK)
    throw std::runtime_error("zlib could not compress a stream");
  out.resize(length);
  return out;
}

// Sets a stream's data, compressed by flate().
void set_flate_stream(PdfObject& object, std::string_view data) {
  const std::string deflated = flate(data);
  PdfMemoryInputStream bytes(deflated.data(), static_cast<pdf_long>(deflated.size()));
  object.GetStream()->SetRawData(&bytes, static_cast<pdf_long>(deflated.size()));
  object.GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

// The font programs of one run's documents: each font file subset once, to
// the glyphs that any of the documents uses in any of its fonts (a file's
// small caps are a font of their own), so that the fonts and the documents
// share the work. Subsetting and compressing take about half of a PDF's
// time and depend on nothing else: another thread does them while the pages
// are written.
struct SharedPrograms {
  std::map<std::string, GlyphUse> glyphs;  // each file's glyphs in all documents
  std::map<std::string, FontInfo> info;    // each file's, read once
  // Each file's BaseFont, "ABCDEF+CharisSIL": the tag names the program, the
  // same in every font and document that shares it.
  std::map<std::string, std::string> base_fonts;
  std::shared_future<std::map<std::string, FontProgram>> programs;
};

SharedPrograms start_subsetting(const std::vector<PdfSource>& sources, const FontBook& fonts) {
  SharedPrograms shared;
  for (const PdfSource& source : sources)
    for (const Page& page : source.pages->pages)
      for (const GlyphRun& run : page.runs)
        for (const Glyph& g : run.glyphs) {
          std::u32string& chars = shared.glyphs[fonts.file(run.font)][g.id];
          if (chars.empty()) chars = g.chars;
        }
  for (const auto& [file, use] : shared.glyphs) {
    const FontInfo& info = shared.info[file] = font_info(file);
    shared.base_fonts[file] = subset_tag(info.postscript_name, use) + "+" + info.postscript_name;
  }
  shared.programs = std::async(std::launch::async, [glyphs = shared.glyphs] {
                      std::map<std::string, FontProgram> programs;
                      for (const auto& [file, use] : glyphs) {
                        const std::string bytes = subset_font(file, use);
                        programs[file] = {bytes.size(), flate(bytes)};
                      }
                      return programs;
                    }).share();
  return shared;
}

class Writer {
 public:
  Writer(const Pages& pages, const FontBook& fonts, const SharedPrograms& programs)
      : pages_(pages), fonts_(fonts), programs_(programs) {}
  std::string write(const Metadata& meta, const std::string& creation_date);

 private:
  void embed_fonts();
  void add_font_programs();
  std::string content(const Page& page) const;
  std::string text_run(const GlyphRun& run) const;
  void add_links(PdfPage& page, const Page& content);
  void add_outline();

  const Pages& pages_;
  const FontBook& fonts_;
  const SharedPrograms& programs_;
  PdfMemDocument doc_;
  std::map<int, EmbeddedFont> embedded_;
  std::map<std::string, PdfObject*> programs_in_file_;  // FontFile2 streams, filled last
  std::map<int, GlyphUse> use_;  // the glyphs of each font, with the first text of each
  std::map<int, std::map<SharedGlyph, std::uint32_t>> shared_;  // further texts: their codes

  // A glyph's code in its font: its id, or its code for a further text.
  std::uint32_t code(int font, const Glyph& g) const;
};

std::uint32_t Writer::code(int font, const Glyph& g) const {
  const auto shared = shared_.find(font);
  if (g.chars.empty() || shared == shared_.end()) return g.id;
  const auto found = shared->second.find({g.id, g.chars});
  return found == shared->second.end() ? g.id : found->second;
}

void Writer::embed_fonts() {
  for (const Page& page : pages_.pages) {
    for (const GlyphRun& run : page.runs) {
      for (const Glyph& g : run.glyphs) {
        std::u32string& chars = use_[run.font][g.id];
        if (chars.empty()) chars = g.chars;
        if (!g.chars.empty() && chars != g.chars) shared_[run.font][{g.id, g.chars}] = 0;
      }
    }
  }
  PdfVecObjects* objects = &doc_.GetObjects();
  for (const auto& [font, glyphs] : use_) {
    const std::string& file = fonts_.file(font);
    const FontInfo& info = programs_.info.at(file);
    const std::string& base = programs_.base_fonts.at(file);
    EmbeddedFont& embedded = embedded_[font];

    PdfObject*& program = programs_in_file_[file];
    if (!program) program = objects->CreateObject();

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

    // Codes: glyph ids, then one past the font's glyphs for each further text.
    GlyphUse codes = glyphs;
    std::map<std::uint32_t, std::uint32_t> code_glyphs;  // the further codes' glyphs
    std::uint32_t next = std::max<std::uint32_t>(info.glyph_count, glyphs.rbegin()->first + 1);
    for (auto& [shared, code] : shared_[font]) {
      if (next > 0xFFFF) {  // no code left: it shares the first text's
        code = shared.first;
        continue;
      }
      code = next++;
      codes[code] = shared.second;
      code_glyphs[code] = shared.first;
    }
    PdfArray widths;
    for (const auto& entry : codes) {
      const auto shared = code_glyphs.find(entry.first);
      const std::uint32_t glyph = shared == code_glyphs.end() ? entry.first : shared->second;
      const int w =
          static_cast<int>(std::lround(fonts_.nominal_advance(font, glyph) * 1000.0 / info.upem));
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
    if (code_glyphs.empty()) {
      c.AddKey("CIDToGIDMap", PdfName("Identity"));
    } else {  // two bytes per code: the glyph it draws
      std::string map(2 * (code_glyphs.rbegin()->first + 1), '\0');
      for (std::uint32_t code = 0; code < map.size() / 2; ++code) {
        const auto shared = code_glyphs.find(code);
        const std::uint32_t glyph = shared != code_glyphs.end() ? shared->second
                                    : code < info.glyph_count   ? code
                                                                : 0;
        map[2 * code] = static_cast<char>(glyph >> 8);
        map[2 * code + 1] = static_cast<char>(glyph & 0xFF);
      }
      PdfObject* cid_to_gid = objects->CreateObject();
      set_flate_stream(*cid_to_gid, map);
      c.AddKey("CIDToGIDMap", cid_to_gid->Reference());
    }

    PdfObject* to_unicode = objects->CreateObject();
    const std::string cmap = to_unicode_cmap(codes);
    set_flate_stream(*to_unicode, cmap);

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
    const std::uint32_t c = code(run.font, g);
    append_code(out, c);
    actual += font.widths.at(c);
    ideal += g.advance * 1000.0 / run.size;
    if (i + 1 == run.glyphs.size()) break;
    const double adjust = std::round((actual - ideal) * 1000.0) / 1000.0;
    if (adjust != 0) {
      out += '>';
      out += num(adjust);
      out += '<';
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
    action.SetURI(PdfString(link_uri(link.url)));  // ASCII: no UTF-8 question
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
    item =
        item ? item->CreateNext(utf8(entry.title), dest) : outlines->CreateRoot(utf8(entry.title));
    if (item == outlines->First()) item->SetDestination(dest);
  }
}

void Writer::add_font_programs() {
  const std::map<std::string, FontProgram>& programs = programs_.programs.get();
  for (const auto& [file, object] : programs_in_file_) {
    const FontProgram& program = programs.at(file);
    PdfMemoryInputStream bytes(program.deflated.data(),
                               static_cast<pdf_long>(program.deflated.size()));
    object->GetStream()->SetRawData(&bytes, static_cast<pdf_long>(program.deflated.size()));
    object->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
    object->GetDictionary().AddKey("Length1", static_cast<pdf_int64>(program.length));
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
    set_flate_stream(*pdf_page->GetContents(), ops);
    add_links(*pdf_page, page);
  }
  add_outline();
  if (!pages_.outline.empty()) doc_.SetPageMode(ePdfPageModeUseBookmarks);
  add_font_programs();

  PdfInfo* info = doc_.GetInfo();
  PdfDictionary& dict = info->GetObject()->GetDictionary();
  // Empty entries are left out: an empty date is no valid PDF date, and
  // without a date the file holds none (it stays reproducible).
  auto set = [&dict](const char* key, const PdfString& value) {
    if (value.GetStringUtf8().empty()) {
      dict.RemoveKey(key);
      return;
    }
    dict.AddKey(key, value);
  };
  set("Title", utf8(meta.title));
  set("Author", utf8(meta.author));
  set("Subject", utf8(meta.subject));
  set("Keywords", utf8(meta.keywords));
  set("Creator", utf8("cvpress " CVPRESS_VERSION));
  set("Producer", utf8("cvpress " CVPRESS_VERSION " with PoDoFo"));
  set("CreationDate", PdfString(creation_date));
  set("ModDate", PdfString(creation_date));

  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc_.Write(&device);
  return std::string(buffer.GetBuffer(), device.GetLength());
}

}  // namespace

std::vector<std::string> write_pdfs(const std::vector<PdfSource>& sources, const FontBook& fonts,
                                    const std::string& creation_date) {
  PdfError::EnableLogging(false);
  PdfError::EnableDebug(false);
  try {
    const SharedPrograms programs = start_subsetting(sources, fonts);
    auto write = [&](const PdfSource& source) {
      return Writer(*source.pages, fonts, programs).write(*source.meta, creation_date);
    };
    // The first document here, the others each on a thread of its own.
    std::vector<std::future<std::string>> others;
    for (size_t i = 1; i < sources.size(); ++i)
      others.push_back(std::async(std::launch::async, write, std::cref(sources[i])));
    std::vector<std::string> files;
    if (!sources.empty()) files.push_back(write(sources.front()));
    for (std::future<std::string>& other : others) files.push_back(other.get());
    return files;
  } catch (const PdfError& e) {
    throw std::runtime_error(std::string("PDF writer: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

std::string write_pdf(const Pages& pages, const Metadata& meta, const FontBook& fonts,
                      const std::string& creation_date) {
  return write_pdfs({{&pages, &meta}}, fonts, creation_date).front();
}

}  // namespace cvpress

#include "documents/pdf_renderer.h"

#include <hpdf.h>

#include <fmt/format.h>

#include "documents/pdf_text.h"

namespace retorno::documents {

namespace {

// US Letter in points, and the margins of the text.
constexpr float kPageWidth = 612;
constexpr float kPageHeight = 792;
constexpr float kLeft = 56;
constexpr float kRight = kPageWidth - 56;
constexpr float kTop = kPageHeight - 56;
constexpr float kBottom = 72;
constexpr float kFooterY = 40;
constexpr float kLabelWidth = 165;
constexpr float kGap = 10;

constexpr float kTitleSize = 15;
constexpr float kHeadingSize = 11.5f;
constexpr float kBodySize = 10;
constexpr float kSmallSize = 8.5f;
// Bold is the regular font filled and stroked with a line this fraction of the font size.
constexpr float kBoldStroke = 0.04f;

enum class Weight { Regular, Bold };

// libharu reports errors through a callback; the first one is kept and checked after drawing.
struct HaruErrors {
    HPDF_STATUS error = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void on_haru_error(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
    auto* errors = static_cast<HaruErrors*>(user_data);
    if (errors->error == HPDF_OK) {
        errors->error = error;
        errors->detail = detail;
    }
}

class Renderer {
  public:
    Renderer(const Document& document, HaruErrors& errors)
        : m_document(document), m_errors(errors) {}
    ~Renderer() {
        if (m_pdf != nullptr)
            HPDF_Free(m_pdf);
    }
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    Result<std::string> render(const FontFiles& fonts) {
        m_pdf = HPDF_New(on_haru_error, &m_errors);
        if (m_pdf == nullptr)
            return fail(Error::internal("libharu could not create a document"));
        HPDF_SetCompressionMode(m_pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(m_pdf);
        HPDF_SetCurrentEncoder(m_pdf, "UTF-8");
        // One font only: bold is drawn by stroking the regular glyphs (see text_at), which halves
        // the size of every PDF for the slow links the documents travel over.
        const char* regular = HPDF_LoadTTFontFromFile(m_pdf, fonts.regular.c_str(), HPDF_TRUE);
        TRY_STATUS(check("loading the font"));
        m_font = HPDF_GetFont(m_pdf, regular, "UTF-8");
        HPDF_SetInfoAttr(m_pdf, HPDF_INFO_CREATOR, "retorno");
        TRY_STATUS(check("preparing the document"));

        new_page();
        draw_header();
        for (const auto& section : m_document.sections)
            draw_section(section);
        draw_signatures();
        TRY_STATUS(check("drawing the pages"));
        return save();
    }

  private:
    Status check(const char* what) const {
        if (m_errors.error == HPDF_OK)
            return {};
        return fail(Error::internal(fmt::format("libharu failed while {}: error {:#06x}, detail {}",
                                                what, m_errors.error, m_errors.detail)));
    }

    Result<std::string> save() {
        if (HPDF_SaveToStream(m_pdf) != HPDF_OK)
            TRY_STATUS(check("saving"));
        HPDF_ResetStream(m_pdf);
        std::string bytes;
        bytes.reserve(HPDF_GetStreamSize(m_pdf));
        HPDF_BYTE buffer[16 * 1024];
        for (;;) {
            HPDF_UINT32 size = sizeof(buffer);
            HPDF_STATUS status = HPDF_ReadFromStream(m_pdf, buffer, &size);
            bytes.append(reinterpret_cast<const char*>(buffer), size);
            if (status == HPDF_STREAM_EOF)
                break;
            if (status != HPDF_OK)
                return fail(Error::internal("libharu could not read back the saved document"));
        }
        return bytes;
    }

    float width_of(Weight weight, float size, const std::string& text) const {
        auto width = HPDF_Font_TextWidth(m_font, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                         static_cast<HPDF_UINT>(text.size()));
        // The stroke of bold text widens each glyph by about its width.
        float stroke = weight == Weight::Bold ? kBoldStroke * size : 0.0f;
        return static_cast<float>(width.width) * size / 1000.0f + stroke;
    }

    // Greedy word wrap; a word wider than the line is cut between characters.
    std::vector<std::string> wrap(Weight font, float size, const std::string& text,
                                  float width) const {
        std::vector<std::string> lines;
        std::string line;
        auto push_word = [&](const std::string& word) {
            std::string candidate = line.empty() ? word : line + " " + word;
            if (width_of(font, size, candidate) <= width) {
                line = std::move(candidate);
                return;
            }
            if (!line.empty()) {
                lines.push_back(std::move(line));
                line.clear();
            }
            if (width_of(font, size, word) <= width) {
                line = word;
                return;
            }
            for (const auto& character : utf8_characters(word)) {
                if (!line.empty() && width_of(font, size, line + character) > width) {
                    lines.push_back(std::move(line));
                    line.clear();
                }
                line += character;
            }
        };
        std::string word;
        for (char c : text) {
            if (c == ' ') {
                if (!word.empty())
                    push_word(word);
                word.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty())
            push_word(word);
        if (!line.empty() || lines.empty())
            lines.push_back(std::move(line));
        return lines;
    }

    void text_at(float x, float y, Weight weight, float size, const std::string& text) {
        if (text.empty())
            return;
        if (weight == Weight::Bold)
            HPDF_Page_SetLineWidth(m_page, kBoldStroke * size);
        HPDF_Page_BeginText(m_page);
        HPDF_Page_SetFontAndSize(m_page, m_font, size);
        HPDF_Page_SetTextRenderingMode(m_page,
                                       weight == Weight::Bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
        HPDF_Page_TextOut(m_page, x, y, text.c_str());
        HPDF_Page_EndText(m_page);
    }

    // Text and lines in one shade of grey (0 is black).
    void set_gray(float gray) {
        HPDF_Page_SetGrayFill(m_page, gray);
        HPDF_Page_SetGrayStroke(m_page, gray);
    }

    void rule(float x1, float x2, float y, float width) {
        HPDF_Page_SetLineWidth(m_page, width);
        HPDF_Page_MoveTo(m_page, x1, y);
        HPDF_Page_LineTo(m_page, x2, y);
        HPDF_Page_Stroke(m_page);
    }

    void new_page() {
        m_page = HPDF_AddPage(m_pdf);
        HPDF_Page_SetWidth(m_page, kPageWidth);
        HPDF_Page_SetHeight(m_page, kPageHeight);
        ++m_page_number;
        m_y = kTop;
        set_gray(0.35f);
        rule(kLeft, kRight, kFooterY + 12, 0.5f);
        std::string number = fmt::format("{} {}", m_document.page_label, m_page_number);
        text_at(kLeft, kFooterY, Weight::Regular, kSmallSize, printable_text(m_document.footer));
        text_at(kRight - width_of(Weight::Regular, kSmallSize, number), kFooterY, Weight::Regular,
                kSmallSize, number);
        if (!m_document.initials_label.empty()) {
            std::string initials = printable_text(m_document.initials_label) + ":";
            text_at(kLeft, kFooterY - 16, Weight::Regular, kSmallSize, initials);
            float x = kLeft + width_of(Weight::Regular, kSmallSize, initials) + 8;
            for (std::size_t i = 0; i < m_document.signatures.size(); ++i, x += 88)
                rule(x, x + 76, kFooterY - 17, 0.5f);
        }
        set_gray(0);
    }

    // Starts a new page unless `height` points still fit on this one.
    void ensure(float height) {
        if (m_y - height < kBottom)
            new_page();
    }

    void paragraph(Weight font, float size, const std::string& text, float x, float width) {
        float leading = size * 1.35f;
        for (const auto& line : wrap(font, size, printable_text(text), width)) {
            ensure(leading);
            m_y -= leading;
            text_at(x, m_y, font, size, line);
        }
    }

    void draw_header() {
        paragraph(Weight::Bold, kTitleSize, m_document.title, kLeft, kRight - kLeft);
        m_y -= 4;
        set_gray(0.25f);
        for (const auto& line : m_document.subtitle_lines)
            paragraph(Weight::Regular, kSmallSize + 0.5f, line, kLeft, kRight - kLeft);
        set_gray(0);
        m_y -= 6;
        rule(kLeft, kRight, m_y, 1);
    }

    void draw_row(const Row& row) {
        float leading = kBodySize * 1.35f;
        auto labels = wrap(Weight::Bold, kBodySize - 1, printable_text(row.label), kLabelWidth);
        float value_x = kLeft + kLabelWidth + kGap;
        float value_width = kRight - value_x;
        std::vector<std::string> values;
        if (!row.value.empty())
            values = wrap(Weight::Regular, kBodySize, printable_text(row.value), value_width);
        std::size_t lines =
            std::max<std::size_t>(labels.size(), std::max<std::size_t>(values.size(), 1));
        // A blank value is a line to write on, a little taller than a line of text.
        float height = static_cast<float>(lines) * leading + (values.empty() ? 6.0f : 3.0f);
        ensure(height);
        float top = m_y - (values.empty() ? 6.0f : 0.0f);
        for (std::size_t i = 0; i < labels.size(); ++i)
            text_at(kLeft, top - leading * static_cast<float>(i + 1), Weight::Bold, kBodySize - 1,
                    labels[i]);
        for (std::size_t i = 0; i < values.size(); ++i)
            text_at(value_x, top - leading * static_cast<float>(i + 1), Weight::Regular, kBodySize,
                    values[i]);
        if (values.empty()) {
            set_gray(0.4f);
            rule(value_x, kRight, top - leading - 2, 0.5f);
            set_gray(0);
        }
        m_y -= height;
    }

    void draw_section(const Section& section) {
        // A heading is never left alone at the foot of a page.
        ensure(kHeadingSize * 1.35f + 14 + kBodySize * 2.7f);
        m_y -= 12;
        paragraph(Weight::Bold, kHeadingSize, section.heading, kLeft, kRight - kLeft);
        m_y -= 3;
        for (const auto& text : section.paragraphs) {
            paragraph(Weight::Regular, kBodySize, text, kLeft, kRight - kLeft);
            m_y -= 4;
        }
        for (const auto& row : section.rows)
            draw_row(row);
    }

    void draw_signature(const Signature& signature, float x, float top, float width) {
        float leading = kBodySize * 1.3f;
        float line_y = top - 46;
        rule(x, x + width, line_y, 0.75f);
        float y = line_y - leading;
        text_at(x, y, Weight::Bold, kBodySize - 0.5f, printable_text(signature.role));
        y -= leading;
        std::string name = m_document.name_label + ": " +
                           (signature.name.empty() ? std::string("______________________________")
                                                   : printable_text(signature.name));
        for (const auto& line : wrap(Weight::Regular, kBodySize - 1, name, width)) {
            text_at(x, y, Weight::Regular, kBodySize - 1, line);
            y -= leading;
        }
        if (!signature.institution.empty()) {
            for (const auto& line : wrap(Weight::Regular, kBodySize - 1,
                                         printable_text(signature.institution), width)) {
                text_at(x, y, Weight::Regular, kBodySize - 1, line);
                y -= leading;
            }
        }
        set_gray(0.35f);
        text_at(x, y, Weight::Regular, kSmallSize, m_document.sign_label);
        set_gray(0);
    }

    void draw_signatures() {
        if (m_document.signatures.empty())
            return;
        constexpr float kBlockHeight = 130;
        ensure(kHeadingSize * 1.35f + 14 + kBlockHeight);
        m_y -= 12;
        paragraph(Weight::Bold, kHeadingSize, m_document.signatures_heading, kLeft, kRight - kLeft);
        float column = (kRight - kLeft - 2 * kGap) / 2;
        for (std::size_t i = 0; i < m_document.signatures.size(); i += 2) {
            ensure(kBlockHeight);
            draw_signature(m_document.signatures[i], kLeft, m_y, column);
            if (i + 1 < m_document.signatures.size())
                draw_signature(m_document.signatures[i + 1], kLeft + column + 2 * kGap, m_y,
                               column);
            m_y -= kBlockHeight;
        }
    }

    const Document& m_document;
    HaruErrors& m_errors;
    HPDF_Doc m_pdf = nullptr;
    HPDF_Font m_font = nullptr;
    HPDF_Page m_page = nullptr;
    int m_page_number = 0;
    float m_y = kTop;
};

}  // namespace

Result<std::string> render_pdf(const Document& document, const FontFiles& fonts) {
    HaruErrors errors;
    Renderer renderer(document, errors);
    return renderer.render(fonts);
}

}  // namespace retorno::documents

/// A `.tex` file that is both a standalone document and a fragment to `\input`.
///
/// Compiled on its own (`pdflatex fig.tex`), it loads `article` and the packages it needs, and ships
/// the body as one page cropped to its size (by hand: `standalone` and `preview` are not in the
/// base TeX Live packages). `\input` into a document whose class is already loaded, it skips its own
/// preamble (the test is whether `\documentclass` has become LaTeX's "two classes" error) and
/// typesets the body in place; that document's preamble must load the same packages.
enum TeXDocument {
    static func wrap(comments: [String], preamble: [String], body: String) -> String {
        var out = comments.map { "% " + $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
        out += #"""
        \expandafter\ifx\csname @twoclasseserror\endcsname\documentclass
          % \input into a document: skip the standalone preamble, typeset in place.
          \long\def\nashstandalone#1\nashstandaloneend{}%
          \let\nashbodybegin\relax
          \let\nashbodyend\relax
        \else
          \let\nashstandalone\relax
          \let\nashstandaloneend\relax
          \def\nashbodybegin{\setbox0=\hbox\bgroup}%
          \def\nashbodyend{\egroup
            \pdfpagewidth=\dimexpr\wd0+8pt\relax \pdfpageheight=\dimexpr\ht0+\dp0+8pt\relax
            \hoffset=\dimexpr4pt-1in\relax \voffset=\dimexpr4pt-1in\relax
            \shipout\box0 \end{document}}%
        \fi
        \nashstandalone
        \documentclass{article}

        """#
        out += preamble.joined(separator: "\n") + "\n"
        out += #"""
        \pagestyle{empty}
        \begin{document}
        \nashstandaloneend
        \nashbodybegin

        """#
        return out + body + "\\nashbodyend\n"
    }
}

"""Teaching content: the glossary, full references and science.md findings, and observer-mode scoring."""

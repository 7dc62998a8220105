/** Adversarial text for the tests of the generated settlement backend. */

/** Strings an attacker would put into a spec's names, descriptions and clauses. */
export const ADVERSARIAL: readonly string[] = [
  `"; process.exit(1); //`,
  `'; process.exit(1); //`,
  `*/ process.exit(1); /*`,
  "line\u2028separator\u2029paragraph",
  "${process.exit(1)}",
  "`; process.exit(1); `",
  "</script><script>alert(1)</script>",
  "<!-- comment -->",
  "__proto__",
  "constructor",
  "class",
  "await",
  "\\",
  "\\u0022",
  "a\nb\r\nc\rd",
  "\u0000\u001f\u007f",
  "\ud800 lone surrogate",
  "😀 emoji",
  "\nconst INDICES = __termsheet_data_1__;\n",
  "",
];

// readlines-for-tail: a CRLF file indented with tabs; the helper follows both.
"use strict";
const fs = require("fs");

function tail(file, n) {
	return fs.readFileSync(file, "utf8").split("\r\n").slice(-n);
}

module.exports = { tail };

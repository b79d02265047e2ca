#!/usr/bin/env node
// Validates an OpenAPI 3.0 document (the service's /api) against the OpenAPI schema and its
// rules (swagger-parser: structure, $refs, path parameters and their styles…).
// usage: node validate_openapi.js FILE   — exit 0 and "valid" when it is, 1 with the errors.
const SwaggerParser = require("@apidevtools/swagger-parser");

const file = process.argv[2];
SwaggerParser.validate(file)
  .then((api) => {
    const paths = Object.keys(api.paths || {}).length;
    console.log(`valid: ${api.info.title}, OpenAPI ${api.openapi}, ${paths} paths`);
  })
  .catch((err) => {
    console.error(`invalid: ${err.message}`);
    process.exit(1);
  });

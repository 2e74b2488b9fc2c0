// The peers' modules, as one object: required directly in Node, bundled by esbuild (IIFE, global
// PDM_PEER_MODULES) for the browser, so both run the same peer code.
module.exports = {
  allprofanity: require('allprofanity'),
  frenchBadwords: require('french-badwords-list'),
  glin: require('glin-profanity'),
  leo: require('leo-profanity'),
  obscenity: require('obscenity'),
};

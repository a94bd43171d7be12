import OpenAI from "openai";
const k = process.env.OPENAI_API_KEY;
const u = `https://api.openai.com/${k}`;
const m = require('@anthropic-ai/sdk');
/* comment */ export { x } from './x';

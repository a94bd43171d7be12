"""Demo server. openlock reads this file as text; nothing in a scanned repository is run."""
import os

import boto3

from openai import OpenAI
import tensorrt_llm

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
FALLBACK_MODEL = "gpt-4o-mini"
transcripts = boto3.client("s3")


def generate(prompt: str) -> str:
    if len(prompt) > 8000:
        reply = client.chat.completions.create(model=FALLBACK_MODEL, messages=[{"role": "user", "content": prompt}])
        return reply.choices[0].message.content
    return tensorrt_llm.LLM("acme-7b-chat").generate(prompt)

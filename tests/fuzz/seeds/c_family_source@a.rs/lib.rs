use async_openai::{Client, types::Req};
fn f<'a>(x: &'a str) -> &'a str { x }
const M: &str = "gpt-4o";
#[cfg(test)]
mod tests { const U: &str = r#"https://api.openai.com"#; }
